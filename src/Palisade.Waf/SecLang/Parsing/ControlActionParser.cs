using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Parses the value of ctl:KIND=VALUE and checks VALUE against what KIND accepts.</summary>
internal static class ControlActionParser
{
    public static ControlAction? Parse(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var equals = text.IndexOf('=');
        if (equals < 0)
        {
            diagnostics.Report(source.LocationOf(0), $"ctl needs KIND=VALUE, found '{Shown.Text(text)}'; kinds: {string.Join(", ", ControlCatalog.AllNames)}.");
            return null;
        }

        var kindText = text[..equals].Trim();
        if (!ControlCatalog.TryParse(kindText, out var kind))
        {
            diagnostics.ReportUnknown(source.LocationOf(0), "ctl kind", kindText, ControlCatalog.AllNames);
            return null;
        }

        var valueSource = source.Slice(equals + 1);
        var value = valueSource.Text.Trim();
        var name = "ctl:" + ControlCatalog.NameOf(kind);
        var control = new ControlAction { Kind = kind, Value = value };
        switch (kind)
        {
            case ControlKind.RuleEngine:
                return Choice(value, name, ["On", "Off", "DetectionOnly"], valueSource, diagnostics) is { } engine
                    ? control with { RuleEngine = Enum.Parse<RuleEngineMode>(engine) }
                    : null;
            case ControlKind.AuditEngine:
                return Choice(value, name, ["On", "Off", "RelevantOnly"], valueSource, diagnostics) is { } audit
                    ? control with { AuditEngine = Enum.Parse<AuditEngineMode>(audit) }
                    : null;
            case ControlKind.AuditLogParts:
                if (!AuditLogParts.IsValid(value, allowSign: true))
                {
                    diagnostics.Report(valueSource.LocationOf(0), $"{name}: '{Shown.Text(value)}' is not a list of audit log parts; expected letters A–K and Z, optionally after '+' or '-' (e.g. +E).");
                    return null;
                }

                return control with { AuditLogParts = value };
            case ControlKind.RequestBodyAccess or ControlKind.ResponseBodyAccess or ControlKind.ForceRequestBodyVariable:
                return Choice(value, name, ["On", "Off"], valueSource, diagnostics) is { } onOff
                    ? control with { Enabled = onOff == "On" }
                    : null;
            case ControlKind.RequestBodyLimit or ControlKind.ResponseBodyLimit:
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
                {
                    diagnostics.Report(valueSource.LocationOf(0), $"{name}: '{Shown.Text(value)}' is not a size; expected a number of bytes.");
                    return null;
                }

                return control with { Limit = limit };
            case ControlKind.RequestBodyProcessor:
                return Choice(value, name, ["URLENCODED", "MULTIPART", "XML", "JSON"], valueSource, diagnostics) is { } processor
                    ? control with { BodyProcessor = processor }
                    : null;
            case ControlKind.RuleRemoveById:
                return RuleIdRangeParser.Parse(valueSource, name, diagnostics) is { } ids
                    ? control with { Filter = RuleFilter.ById(ids) }
                    : null;
            case ControlKind.RuleRemoveByTag or ControlKind.RuleRemoveByMsg:
                return PatternFilter(kind == ControlKind.RuleRemoveByTag ? RuleFilterKind.Tag : RuleFilterKind.Msg, value, name, valueSource, diagnostics) is { } filter
                    ? control with { Filter = filter }
                    : null;
            default:
                return ParseTargetRemoval(control, valueSource, name, diagnostics);
        }
    }

    /// <summary>A tag or msg filter, with an invalid pattern reported rather than thrown.</summary>
    public static RuleFilter? PatternFilter(RuleFilterKind kind, string pattern, string what, TextSource source, Diagnostics diagnostics)
    {
        if (pattern.Length == 0)
        {
            diagnostics.Report(source.LocationOf(0), $"{what}: expected a {(kind == RuleFilterKind.Tag ? "tag" : "message")} pattern, found nothing.");
            return null;
        }

        try
        {
            return RuleFilter.ByPattern(kind, pattern);
        }
        catch (ArgumentException exception)
        {
            diagnostics.Report(source.LocationOf(0), $"{what}: '{Shown.Text(pattern)}' is not a valid regular expression: {exception.Message}");
            return null;
        }
    }

    // ruleRemoveTargetById=942100;ARGS:foo, ruleRemoveTargetByTag=attack-sqli;ARGS:pwd, ruleRemoveTargetByMsg=…;…
    private static ControlAction? ParseTargetRemoval(ControlAction control, TextSource source, string name, Diagnostics diagnostics)
    {
        var text = source.Text;
        var semicolon = text.IndexOf(';');
        if (semicolon < 0)
        {
            diagnostics.Report(source.LocationOf(0), $"{name} needs RULES;TARGETS such as {ExampleOf(control.Kind)}, found '{Shown.Text(text)}'.");
            return null;
        }

        var selection = source.Slice(0, semicolon);
        RuleFilter? filter = control.Kind == ControlKind.RuleRemoveTargetById
            ? RuleIdRangeParser.Parse(selection, name, diagnostics) is { } ids ? RuleFilter.ById(ids) : null
            : PatternFilter(control.Kind == ControlKind.RuleRemoveTargetByTag ? RuleFilterKind.Tag : RuleFilterKind.Msg, selection.Text.Trim(), name, selection, diagnostics);
        var targets = VariableListParser.Parse(source.Slice(semicolon + 1), diagnostics);
        return filter is null || targets is null ? null : control with { Filter = filter, Targets = targets };
    }

    private static string ExampleOf(ControlKind kind) => kind switch
    {
        ControlKind.RuleRemoveTargetById => "942100;ARGS:password",
        ControlKind.RuleRemoveTargetByTag => "attack-sqli;ARGS:password",
        _ => "'SQL Injection';ARGS:password",
    };

    private static string? Choice(string value, string what, string[] accepted, TextSource source, Diagnostics diagnostics)
    {
        foreach (var candidate in accepted)
        {
            if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        diagnostics.Report(source.LocationOf(0), $"{what}: '{Shown.Text(value)}' is not accepted; expected {string.Join(", ", accepted)}.");
        return null;
    }
}
