using System.Text;

namespace Palisade.Waf.SecLang;

/// <summary>Reads rule files from the local file system as UTF-8.</summary>
public sealed class PhysicalRuleFileSystem : IRuleFileSystem
{
    public static PhysicalRuleFileSystem Instance { get; } = new();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path, Encoding.UTF8);

    public IReadOnlyList<string> ListFiles(string directory) => Directory.GetFiles(directory);
}
