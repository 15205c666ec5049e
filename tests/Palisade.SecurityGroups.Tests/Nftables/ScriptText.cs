using System.Text.RegularExpressions;

namespace Palisade.SecurityGroups.Tests.Nftables;

/// <summary>Reads chains and maps back out of a compiled script, so tests can talk about them by name.</summary>
internal static partial class ScriptText
{
    /// <summary>The filter table's definition: the last "table inet" block of the script.</summary>
    public static string FilterTable(string script) => script[script.LastIndexOf("\ntable inet ", StringComparison.Ordinal)..];

    /// <summary>The rule lines of a chain of the filter table, trimmed, including a base chain's hook line.</summary>
    public static IReadOnlyList<string> Chain(string script, string name)
    {
        var match = Regex.Match(FilterTable(script), $"\\n\\tchain {Regex.Escape(name)} {{\\n(.*?)\\n\\t}}", RegexOptions.Singleline);
        Assert.True(match.Success, $"no chain {name} in:\n{script}");
        return [.. match.Groups[1].Value.Split('\n').Select(l => l.Trim())];
    }

    /// <summary>The rules of a chain without a base chain's hook line.</summary>
    public static IReadOnlyList<string> Rules(string script, string name) =>
        [.. Chain(script, name).Where(l => !l.StartsWith("type filter hook", StringComparison.Ordinal))];

    public static IReadOnlyList<string> ChainNames(string script) =>
        [.. ChainPattern().Matches(FilterTable(script)).Select(m => m.Groups[1].Value)];

    /// <summary>Every map: name, key type, and elements as "key : value".</summary>
    public static IReadOnlyList<(string Name, string Type, IReadOnlyList<string> Elements)> Maps(string script) =>
        [.. MapPattern().Matches(FilterTable(script)).Select(m => (
            m.Groups[1].Value,
            m.Groups[2].Value,
            (IReadOnlyList<string>)[.. m.Groups[3].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim().TrimEnd(','))]))];

    [GeneratedRegex(@"\n\tchain (\S+) \{", RegexOptions.CultureInvariant)]
    private static partial Regex ChainPattern();

    [GeneratedRegex(@"\n\tmap (\S+) \{\n\t\ttype (.*?)\n\t\tflags interval\n\t\telements = \{\n(.*?)\t\t\}\n\t\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MapPattern();
}
