using System.Text;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Parses an action list such as "id:942100,phase:2,block,t:none,msg:'SQL Injection',setvar:'tx.x=+%{tx.y}'".
/// Actions are separated by commas; a value starting with a single quote runs to the matching unescaped quote (\'
/// inside it is a quote), so commas inside quoted values do not split. Every bad action is reported.
/// </summary>
internal static class ActionListParser
{
    public static RuleAction[]? Parse(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var actions = new List<RuleAction>();
        var ok = true;
        var i = SkipBlanks(text, 0);
        if (i >= text.Length)
        {
            return [];
        }

        while (true)
        {
            var start = i;
            var nameEnd = i;
            while (nameEnd < text.Length && text[nameEnd] is not (':' or ',') && !IsBlank(text[nameEnd]))
            {
                nameEnd++;
            }

            var name = text[start..nameEnd];
            i = SkipBlanks(text, nameEnd);
            string? argument = null;
            var argumentStart = i;
            if (i < text.Length && text[i] == ':')
            {
                i = SkipBlanks(text, i + 1);
                argumentStart = i;
                if (i < text.Length && text[i] == '\'')
                {
                    argument = ReadQuoted(source, ref i, diagnostics);
                    if (argument is null)
                    {
                        return null;
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != ',')
                    {
                        i++;
                    }

                    argument = text[argumentStart..i].TrimEnd(' ', '\t');
                }

                i = SkipBlanks(text, i);
            }

            if (name.Length == 0)
            {
                var found = start < text.Length ? $"'{text[start]}'" : "the end of the list";
                diagnostics.Report(source.LocationOf(start), $"Expected an action name (such as id, phase, msg or t), found {found}.");
                ok = false;
            }
            else
            {
                var valueSource = argument is null ? source.Slice(argumentStart, 0) : SliceValue(source, argumentStart, argument);
                var action = ActionParser.Parse(name, source.LocationOf(start), argument, valueSource, diagnostics);
                if (action is null)
                {
                    ok = false;
                }
                else
                {
                    actions.Add(action);
                }
            }

            if (i >= text.Length)
            {
                break;
            }

            if (text[i] != ',')
            {
                diagnostics.Report(source.LocationOf(i), $"Expected ',' between actions, found '{text[i]}' after '{Shown.Text(text[start..i].Trim())}'.");
                return null;
            }

            i = SkipBlanks(text, i + 1);
            if (i >= text.Length)
            {
                diagnostics.Report(source.LocationOf(text.Length - 1), "The action list ends with ',': an action must follow it.");
                return null;
            }
        }

        return ok ? actions.ToArray() : null;
    }

    // Reads 'value' starting at the quote; returns the value with \' turned into ', and leaves i after the quote.
    private static string? ReadQuoted(TextSource source, ref int i, Diagnostics diagnostics)
    {
        var text = source.Text;
        var open = i;
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                value.Append('\'');
                i += 2;
                continue;
            }

            if (c == '\'')
            {
                i++;
                return value.ToString();
            }

            value.Append(c);
            i++;
        }

        diagnostics.Report(source.LocationOf(open), "Unterminated quoted action value: no closing single quote before the end of the action list.");
        return null;
    }

    // A TextSource whose indexes map to where the value was written (inside its quotes, if quoted). After a \'
    // escape the positions drift by one character per escape, which is close enough for messages.
    private static TextSource SliceValue(TextSource source, int argumentStart, string argument)
    {
        var quoted = argumentStart < source.Text.Length && source.Text[argumentStart] == '\'';
        return new TextSource(argument, source.Token, source.Offset + argumentStart + (quoted ? 1 : 0));
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && IsBlank(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
