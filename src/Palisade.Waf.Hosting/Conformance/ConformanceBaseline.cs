using System.Text.RegularExpressions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The tests known to fail, one per line: the test id ("942100-3"), blanks, and a short reason. Blank lines and lines
/// starting with '#' are ignored. A run fails only on failures not listed here.
/// </summary>
internal sealed partial class ConformanceBaseline
{
    private readonly Dictionary<string, string> _reasons;

    private ConformanceBaseline(Dictionary<string, string> reasons) => _reasons = reasons;

    public static ConformanceBaseline Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public int Count => _reasons.Count;

    public IEnumerable<string> TestIds => _reasons.Keys;

    public bool TryGetReason(string testName, out string reason) => _reasons.TryGetValue(testName, out reason!);

    /// <exception cref="InvalidDataException">A line that does not start with a test id, or a test listed twice.</exception>
    public static ConformanceBaseline Parse(string text, string source)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = Entry().Match(line);
            if (!match.Success)
            {
                errors.Add($"{source}:{index + 1}: '{line}' does not start with a test id; expected e.g. '942100-3  why it fails'.");
            }
            else if (!reasons.TryAdd(match.Groups["id"].Value, match.Groups["reason"].Value.Trim()))
            {
                errors.Add($"{source}:{index + 1}: test {match.Groups["id"].Value} is listed twice.");
            }
        }

        return errors.Count > 0 ? throw new InvalidDataException(string.Join(Environment.NewLine, errors)) : new ConformanceBaseline(reasons);
    }

    /// <exception cref="InvalidDataException">See <see cref="Parse"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConformanceBaseline Load(string path) => Parse(File.ReadAllText(path), path);

    [GeneratedRegex(@"^(?<id>\d+-\d+)(?:\s+(?<reason>.*))?$")]
    private static partial Regex Entry();
}
