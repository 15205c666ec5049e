using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Checks one action's name and value and parses the value into the typed members of <see cref="RuleAction"/>.</summary>
internal static class ActionParser
{
    private static readonly string[] SeverityNames = ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"];

    public static RuleAction? Parse(string name, SourceLocation location, string? argument, TextSource value, Diagnostics diagnostics)
    {
        if (!ActionCatalog.TryParse(name, out var action))
        {
            diagnostics.ReportUnknown(location, "action", name, ActionCatalog.AllNames);
            return null;
        }

        var canonical = ActionCatalog.NameOf(action);
        switch (ActionCatalog.ArgumentOf(action))
        {
            case ActionArgumentKind.None when argument is not null:
                diagnostics.Report(location, $"The action '{canonical}' takes no value, found '{canonical}:{Shown.Text(argument)}'.");
                return null;
            case ActionArgumentKind.Required when argument is null:
                diagnostics.Report(location, $"The action '{canonical}' needs a value: write {canonical}:{ExampleOf(action)}.");
                return null;
            default:
                break;
        }

        var result = new RuleAction { Name = action, Argument = argument, Location = location };
        if (argument is null)
        {
            return result;
        }

        var text = argument.Trim();
        switch (action)
        {
            case ActionName.Id:
                return RuleIdRangeParser.TryParseId(text, out var id) ? result with { Number = id } : Fail($"id must be a positive integer (1 to {int.MaxValue}), found '{text}'.");
            case ActionName.Phase:
                return ParsePhase(text) is { } phase ? result with { Number = phase } : Fail($"phase must be 1, 2, 3, 4, 5, request (2), response (4) or logging (5); found '{text}'.");
            case ActionName.Severity:
                return ParseSeverity(text) is { } severity ? result with { Number = severity } : Fail($"severity must be 0–7 or one of {string.Join(", ", SeverityNames)}; found '{text}'.");
            case ActionName.Accuracy or ActionName.Maturity:
                return TryInteger(text, 0, 9, out var level) ? result with { Number = level } : Fail($"{canonical} must be an integer from 0 to 9, found '{text}'.");
            case ActionName.Status:
                return TryInteger(text, 100, 599, out var status) ? result with { Number = status } : Fail($"status must be an HTTP status code from 100 to 599, found '{text}'.");
            case ActionName.Skip:
                return TryInteger(text, 1, int.MaxValue, out var skip) ? result with { Number = skip } : Fail($"skip must be a positive number of rules, found '{text}'.");
            case ActionName.SkipAfter:
                return text.Length > 0 ? result with { Argument = text } : Fail("skipAfter needs the name of a SecMarker (or a rule id).");
            case ActionName.Allow:
                return text.ToLowerInvariant() switch
                {
                    "phase" => result with { Allow = AllowScope.Phase },
                    "request" => result with { Allow = AllowScope.Request },
                    _ => Fail($"allow takes no value, 'phase' or 'request'; found '{text}'."),
                };
            case ActionName.Transformation:
                if (TransformationCatalog.TryParse(text, out var transformation))
                {
                    return result with { Transformation = transformation };
                }

                diagnostics.ReportUnknown(value.LocationOf(0), "transformation", text, TransformationCatalog.AllNames);
                return null;
            case ActionName.Msg or ActionName.LogData or ActionName.Tag or ActionName.Redirect or ActionName.SetUid or ActionName.SetSid or ActionName.SetRsc:
                return MacroParser.Parse(value, diagnostics) is { } macro ? result with { Text = macro } : null;
            case ActionName.SetVar:
                return AssignmentParser.ParseSetVar(value, diagnostics) is { } setVar ? result with { Assignment = setVar } : null;
            case ActionName.ExpireVar:
                return AssignmentParser.ParseExpireVar(value, diagnostics) is { } expire ? result with { Assignment = expire } : null;
            case ActionName.InitCol:
                return AssignmentParser.ParseInitCol(value, diagnostics) is { } init ? result with { Assignment = init } : null;
            case ActionName.SetEnv:
                return AssignmentParser.ParseSetEnv(value, diagnostics) is { } env ? result with { Assignment = env } : null;
            case ActionName.Ctl:
                return ControlActionParser.Parse(value, diagnostics) is { } control ? result with { Control = control } : null;
            case ActionName.Xmlns:
                return text.IndexOf('=') > 0 ? result : Fail($"xmlns needs PREFIX=URI, found '{text}'.");
            default:
                return result;
        }

        RuleAction? Fail(string message)
        {
            diagnostics.Report(value.LocationOf(0), message);
            return null;
        }
    }

    private static int? ParsePhase(string text) => text.ToLowerInvariant() switch
    {
        "1" => 1,
        "2" or "request" => 2,
        "3" => 3,
        "4" or "response" => 4,
        "5" or "logging" => 5,
        _ => null,
    };

    private static int? ParseSeverity(string text)
    {
        if (TryInteger(text, 0, 7, out var number))
        {
            return number;
        }

        var index = Array.FindIndex(SeverityNames, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : null;
    }

    private static bool TryInteger(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string ExampleOf(ActionName action) => action switch
    {
        ActionName.Id => "942100",
        ActionName.Phase => "2",
        ActionName.Severity => "'CRITICAL'",
        ActionName.Transformation => "lowercase",
        ActionName.SetVar => "'tx.anomaly_score=+5'",
        ActionName.Ctl => "ruleEngine=DetectionOnly",
        ActionName.SkipAfter => "END-MARKER",
        ActionName.Status => "403",
        ActionName.ExpireVar => "ip.blocked=600",
        ActionName.InitCol => "ip=%{REMOTE_ADDR}",
        _ => "'…'",
    };
}
