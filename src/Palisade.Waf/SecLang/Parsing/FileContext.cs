namespace Palisade.Waf.SecLang.Parsing;

/// <summary>What parsing one file needs to know beyond its text: where it is (for relative paths) and how to read.</summary>
internal sealed class FileContext(string path, IRuleFileSystem fileSystem, Diagnostics diagnostics)
{
    public string Path { get; } = path;

    public IRuleFileSystem FileSystem { get; } = fileSystem;

    public Diagnostics Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Resolves a path written in this file: absolute as is, relative against this file's directory. Null when the
    /// text cannot be a path (e.g. it contains a NUL character).
    /// </summary>
    public string? Resolve(string written)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(Path);
            var combined = System.IO.Path.IsPathRooted(written) || string.IsNullOrEmpty(directory) ? written : System.IO.Path.Combine(directory, written);
            return System.IO.Path.GetFullPath(combined);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
