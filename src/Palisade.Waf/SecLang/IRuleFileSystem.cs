namespace Palisade.Waf.SecLang;

/// <summary>
/// Where rule files (and the data files operators such as @pmFromFile name) are read from. The parser resolves
/// relative paths against the directory of the including file and expands wildcards itself; implementations only
/// answer for full paths. <see cref="PhysicalRuleFileSystem"/> reads the disk, <see cref="InMemoryRuleFileSystem"/>
/// serves rule sets kept elsewhere (a database, a test).
/// </summary>
public interface IRuleFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Reads a whole text file; throws <see cref="IOException"/> (or a subclass) when it cannot.</summary>
    string ReadAllText(string path);

    /// <summary>The full paths of the files directly inside <paramref name="directory"/> (not recursive).</summary>
    IReadOnlyList<string> ListFiles(string directory);
}
