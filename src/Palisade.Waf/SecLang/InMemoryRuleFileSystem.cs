namespace Palisade.Waf.SecLang;

/// <summary>
/// Rule files held in memory under absolute, '/'-separated paths (e.g. "/rules/crs-setup.conf"); directories exist
/// implicitly as the parents of files. Immutable once built, so one instance can serve concurrent parses.
/// </summary>
public sealed class InMemoryRuleFileSystem : IRuleFileSystem
{
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, List<string>> _directories;

    public InMemoryRuleFileSystem(IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = new Dictionary<string, string>(StringComparer.Ordinal);
        _directories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (rawPath, content) in files)
        {
            var path = Normalize(rawPath);
            _files[path] = content;
            var directory = ParentOf(path);
            if (!_directories.TryGetValue(directory, out var list))
            {
                list = [];
                _directories[directory] = list;
            }

            list.Add(path);
            // Register every ancestor so DirectoryExists answers for them too.
            for (var parent = ParentOf(directory); !_directories.ContainsKey(parent); parent = ParentOf(parent))
            {
                _directories[parent] = [];
                if (parent == "/")
                {
                    break;
                }
            }
        }
    }

    public bool FileExists(string path) => _files.ContainsKey(Normalize(path));

    public bool DirectoryExists(string path) => _directories.ContainsKey(Normalize(path));

    public string ReadAllText(string path) =>
        _files.TryGetValue(Normalize(path), out var content) ? content : throw new FileNotFoundException($"No rule file at '{path}'.", path);

    public IReadOnlyList<string> ListFiles(string directory) =>
        _directories.TryGetValue(Normalize(directory), out var list) ? list.ToArray() : throw new DirectoryNotFoundException($"No directory '{directory}'.");

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (!normalized.StartsWith('/'))
        {
            throw new ArgumentException($"In-memory rule paths must be absolute ('/…'); got '{path}'.", nameof(path));
        }

        return normalized.Length > 1 ? normalized.TrimEnd('/') : normalized;
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
