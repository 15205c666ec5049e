using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Parses a rule's operator: [!]@name [argument], or a bare pattern, which ModSecurity reads as @rx. Checks the
/// argument against what the operator takes and resolves data files against the rule file's directory.
/// </summary>
internal static class OperatorParser
{
    public static RuleOperator? Parse(TextSource source, FileContext context)
    {
        var diagnostics = context.Diagnostics;
        var text = source.Text;
        var i = 0;
        var negated = false;
        if (i < text.Length && text[i] == '!')
        {
            negated = true;
            i++;
        }

        var operatorStart = i;
        OperatorName name;
        OperatorArgumentKind argumentKind;
        var isImplicit = false;
        string argument;
        int argumentStart;
        if (i < text.Length && text[i] == '@')
        {
            i++;
            var nameStart = i;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
            }

            var written = text[nameStart..i];
            if (written.Length == 0)
            {
                diagnostics.Report(source.LocationOf(operatorStart), "Expected an operator name after '@', such as @rx or @streq.");
                return null;
            }

            if (!OperatorCatalog.TryParse(written, out name, out argumentKind))
            {
                diagnostics.ReportUnknown(source.LocationOf(operatorStart), "operator", "@" + written, OperatorCatalog.AllNames);
                return null;
            }

            if (i < text.Length && text[i] is not (' ' or '\t'))
            {
                diagnostics.Report(source.LocationOf(i), $"Expected whitespace between @{written} and its argument, found '{text[i]}'.");
                return null;
            }

            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            argumentStart = i;
            argument = text[i..];
        }
        else
        {
            name = OperatorName.Rx;
            argumentKind = OperatorArgumentKind.Text;
            isImplicit = true;
            argumentStart = i;
            argument = text[i..];
        }

        var argumentSource = source.Slice(argumentStart);
        var operatorText = "@" + OperatorCatalog.NameOf(name);
        IReadOnlyList<string> dataFiles = [];
        var macro = MacroString.Constant(argument);
        switch (argumentKind)
        {
            case OperatorArgumentKind.None when argument.Trim().Length > 0:
                diagnostics.Report(argumentSource.LocationOf(0), $"{operatorText} takes no argument, found '{Shown.Text(argument)}'.");
                return null;
            case OperatorArgumentKind.RequiredText or OperatorArgumentKind.Integer or OperatorArgumentKind.ByteRanges or OperatorArgumentKind.DataFiles
                when argument.Trim().Length == 0:
                diagnostics.Report(source.LocationOf(operatorStart), $"{operatorText} needs an argument: {DescribeArgument(argumentKind)}.");
                return null;
            case OperatorArgumentKind.Text or OperatorArgumentKind.RequiredText:
                macro = MacroParser.Parse(argumentSource, diagnostics)!;
                if (macro is null)
                {
                    return null;
                }

                break;
            case OperatorArgumentKind.Integer:
                macro = MacroParser.Parse(argumentSource, diagnostics)!;
                if (macro is null)
                {
                    return null;
                }

                if (macro.IsConstant && !long.TryParse(argument.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    diagnostics.Report(argumentSource.LocationOf(0), $"{operatorText} compares numbers: expected an integer or a %{{…}} macro, found '{Shown.Text(argument)}'.");
                    return null;
                }

                break;
            case OperatorArgumentKind.ByteRanges:
                if (!ValidateByteRanges(argumentSource, diagnostics))
                {
                    return null;
                }

                break;
            case OperatorArgumentKind.DataFiles:
                var resolved = ResolveDataFiles(argumentSource, operatorText, context);
                if (resolved is null)
                {
                    return null;
                }

                dataFiles = resolved;
                break;
            default:
                break;
        }

        return new RuleOperator
        {
            Name = name,
            IsNegated = negated,
            IsImplicit = isImplicit,
            Argument = argument,
            ArgumentMacro = macro,
            DataFiles = dataFiles,
            Location = source.LocationOf(0),
        };
    }

    private static string DescribeArgument(OperatorArgumentKind kind) => kind switch
    {
        OperatorArgumentKind.Integer => "an integer or a %{…} macro",
        OperatorArgumentKind.ByteRanges => "byte values or ranges such as \"1-255\" or \"9,10,13,32-126\"",
        OperatorArgumentKind.DataFiles => "one or more data file names, relative to the rule file",
        _ => "non-empty text",
    };

    // "@validateByteRange 1-255" or "9,10,13,32-126": values 0–255, ranges low-high with low ≤ high.
    private static bool ValidateByteRanges(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var position = 0;
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            var dash = item.IndexOf('-');
            var low = dash < 0 ? item : item[..dash];
            var high = dash < 0 ? item : item[(dash + 1)..];
            if (!TryByte(low, out var lowValue) || !TryByte(high, out var highValue) || lowValue > highValue)
            {
                diagnostics.Report(source.LocationOf(position), $"@validateByteRange: '{Shown.Text(item)}' is not a byte value or range; expected values 0-255 and ranges low-high such as \"32-126\", separated by commas.");
                return false;
            }

            position += part.Length + 1;
        }

        return true;

        static bool TryByte(string text, out int value) =>
            int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= 255;
    }

    private static string[]? ResolveDataFiles(TextSource source, string operatorText, FileContext context)
    {
        var files = new List<string>();
        var ok = true;
        var text = source.Text;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && text[i] is not (' ' or '\t'))
            {
                i++;
            }

            if (start == i)
            {
                break;
            }

            var written = text[start..i];
            if (written.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || written.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                context.Diagnostics.Report(source.LocationOf(start), $"{operatorText}: data files are read from disk; downloading '{Shown.Text(written)}' is not supported.");
                ok = false;
                continue;
            }

            var path = context.Resolve(written);
            if (path is null || !context.FileSystem.FileExists(path))
            {
                context.Diagnostics.Report(source.LocationOf(start), $"{operatorText}: data file '{Shown.Text(written)}' not found (looked for {path}).");
                ok = false;
                continue;
            }

            files.Add(path);
        }

        return ok ? files.ToArray() : null;
    }
}
