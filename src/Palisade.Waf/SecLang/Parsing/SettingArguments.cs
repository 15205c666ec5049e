using System.Globalization;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Reads the arguments of one setting directive as typed values, reporting a clear error (directive, value, what is
/// accepted) and returning null when a value does not fit.
/// </summary>
internal sealed class SettingArguments(string directive, IReadOnlyList<ArgumentToken> tokens, Diagnostics diagnostics)
{
    public int Count => tokens.Count;

    public string Text(int index) => tokens[index].Value;

    public IReadOnlyList<string> All() => tokens.Select(t => t.Value).ToArray();

    public bool? OnOff(int index) => Choice(index, "On", "Off") is { } value ? value == "On" : null;

    public string? Choice(int index, params string[] accepted)
    {
        var value = tokens[index].Value;
        foreach (var candidate in accepted)
        {
            if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return Fail(index, $"expected {string.Join(" or ", accepted)}");
    }

    public TEnum? Enum<TEnum>(int index, params string[] accepted)
        where TEnum : struct, Enum =>
        Choice(index, accepted) is { } value ? System.Enum.Parse<TEnum>(value) : null;

    public long? Size(int index) =>
        long.TryParse(tokens[index].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : Fail<long>(index, "expected a size in bytes (a non-negative integer)");

    public int? Integer(int index, int min, int max) =>
        int.TryParse(tokens[index].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : Fail<int>(index, $"expected an integer from {min} to {max}");

    /// <summary>A Unix file mode in octal (e.g. 0600) or "default".</summary>
    public string? FileMode(int index)
    {
        var value = tokens[index].Value;
        var isOctal = value.Length is >= 1 and <= 4 && value.All(c => c is >= '0' and <= '7');
        return isOctal || string.Equals(value, "default", StringComparison.OrdinalIgnoreCase) ? value : Fail(index, "expected an octal file mode such as 0600, or default");
    }

    public string? AuditParts(int index) =>
        AuditLogParts.IsValid(tokens[index].Value, allowSign: false) ? tokens[index].Value : Fail(index, "expected audit log part letters A–K and Z, such as ABIJDEFHZ");

    public string? Pattern(int index)
    {
        var value = tokens[index].Value;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(value, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            return value;
        }
        catch (ArgumentException exception)
        {
            return Fail(index, $"expected a regular expression ({exception.Message})");
        }
    }

    public char? SingleCharacter(int index) =>
        tokens[index].Value.Length == 1 ? tokens[index].Value[0] : Fail<char>(index, "expected a single character such as &");

    private string? Fail(int index, string expected)
    {
        diagnostics.Report(tokens[index].Location, $"{directive}: '{Shown.Text(tokens[index].Value)}' is not accepted; {expected}.");
        return null;
    }

    private T? Fail<T>(int index, string expected)
        where T : struct
    {
        Fail(index, expected);
        return null;
    }
}
