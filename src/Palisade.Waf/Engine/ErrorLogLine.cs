using System.Globalization;
using System.Text;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// The error-log line of a matched rule, in the form libmodsecurity 3 writes (RuleMessage::log): a prefix saying
/// whether the request was stopped, what matched, then bracketed fields — [file], [line], [id], [rev], [msg], [data],
/// [severity], [ver], [maturity], [accuracy], [tag]…, [hostname], [uri], [unique_id] — that log tools and CRS's test
/// harness (go-ftw reads [id "N"]) parse.
/// </summary>
internal static class ErrorLogLine
{
    private const int MaxValueLength = 200;

    public static string Format(WafTransaction transaction, CompiledRule rule, int phase, string? message, string? data, bool interrupted)
    {
        var definition = rule.Definition;
        var line = new StringBuilder(256);
        line.Append("ModSecurity: ");
        if (interrupted)
        {
            line.Append("Access denied with code ").Append(rule.Status.ToString(CultureInfo.InvariantCulture))
                .Append(" (phase ").Append(phase.ToString(CultureInfo.InvariantCulture)).Append("). ");
        }
        else
        {
            line.Append("Warning. ");
        }

        var last = LastLink(rule);
        if (last.Definition.Operator is { } ruleOperator && transaction.MatchedVariable is { } matched)
        {
            var name = OperatorCatalog.NameOf(ruleOperator.Name);
            line.Append("Matched \"Operator `").Append(char.ToUpperInvariant(name[0])).Append(name, 1, name.Length - 1)
                .Append("' with parameter `").Append(Shorten(ruleOperator.Argument))
                .Append("' against variable `").Append(matched.FullName)
                .Append("' (Value: `").Append(Shorten(matched.Value)).Append("' ) ");
        }
        else
        {
            line.Append("Unconditional match in SecAction. ");
        }

        Field(line, "file", definition.Location.File);
        Field(line, "line", definition.Location.Line.ToString(CultureInfo.InvariantCulture));
        Field(line, "id", rule.IdText);
        Field(line, "rev", definition.Revision ?? "");
        Field(line, "msg", message ?? "");
        Field(line, "data", data is { Length: > MaxValueLength } ? data[..MaxValueLength] + "..." : data ?? "");
        Field(line, "severity", definition.Severity?.ToString(CultureInfo.InvariantCulture) ?? "0");
        Field(line, "ver", definition.Version ?? "");
        Field(line, "maturity", definition.Maturity?.ToString(CultureInfo.InvariantCulture) ?? "0");
        Field(line, "accuracy", definition.Accuracy?.ToString(CultureInfo.InvariantCulture) ?? "0");
        foreach (var tag in definition.Tags)
        {
            Field(line, "tag", tag);
        }

        Field(line, "hostname", transaction.HostNameForLog);
        Field(line, "uri", transaction.RequestPathForLog ?? "");
        Field(line, "unique_id", transaction.Id);
        line.Length--;
        return line.ToString();
    }

    private static CompiledRule LastLink(CompiledRule rule)
    {
        while (rule.Next is not null)
        {
            rule = rule.Next;
        }

        return rule;
    }

    private static void Field(StringBuilder line, string name, string value)
    {
        line.Append('[').Append(name).Append(" \"");
        Escape(line, value);
        line.Append("\"] ");
    }

    private static string Shorten(string value)
    {
        var text = value.Length > MaxValueLength ? value[..MaxValueLength] + "..." : value;
        var clean = new StringBuilder(text.Length);
        Escape(clean, text);
        return clean.ToString();
    }

    /// <summary>Quotes, backslashes and control characters escaped, so request text can never forge a field or a line.</summary>
    private static void Escape(StringBuilder line, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case < ' ' or '\x7f': line.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: line.Append(c); break;
            }
        }
    }
}
