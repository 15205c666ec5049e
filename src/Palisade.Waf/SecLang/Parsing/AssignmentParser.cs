using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Parses the collection-writing actions: setvar:[!]COLLECTION.KEY[=[+|-]VALUE], expirevar:COLLECTION.KEY=SECONDS,
/// initcol:COLLECTION=KEY and setenv:NAME=VALUE (forms from the ModSecurity reference manual). Keys and values may
/// contain %{…} macros.
/// </summary>
internal static class AssignmentParser
{
    public static CollectionAssignment? ParseSetVar(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var start = SkipBlanks(text);
        var delete = start < text.Length && text[start] == '!';
        var targetStart = delete ? start + 1 : start;
        var equals = text.IndexOf('=', targetStart);
        if (delete && equals >= 0)
        {
            diagnostics.Report(source.LocationOf(start), $"setvar:!{Shown.Text(text[targetStart..equals])} deletes a variable and takes no '=value'.");
            return null;
        }

        var targetEnd = equals < 0 ? text.Length : equals;
        if (ParseTarget(source, targetStart, targetEnd, "setvar", diagnostics) is not { } target)
        {
            return null;
        }

        var (collection, key) = target;

        if (delete)
        {
            return new CollectionAssignment { Collection = collection, Key = key, Mode = AssignmentMode.Delete };
        }

        if (equals < 0)
        {
            return new CollectionAssignment { Collection = collection, Key = key, Mode = AssignmentMode.SetToOne };
        }

        var valueStart = equals + 1;
        var mode = AssignmentMode.Set;
        if (valueStart < text.Length && text[valueStart] is '+' or '-')
        {
            mode = text[valueStart] == '+' ? AssignmentMode.Add : AssignmentMode.Subtract;
            valueStart++;
        }

        var value = MacroParser.Parse(source.Slice(valueStart), diagnostics);
        if (value is null)
        {
            return null;
        }

        if (mode != AssignmentMode.Set && value.Text.Trim().Length == 0)
        {
            diagnostics.Report(source.LocationOf(equals), $"setvar: '{text[equals..valueStart]}' needs a number (or a %{{…}} macro) to {(mode == AssignmentMode.Add ? "add" : "subtract")}.");
            return null;
        }

        return new CollectionAssignment { Collection = collection, Key = key, Mode = mode, Value = value };
    }

    public static CollectionAssignment? ParseExpireVar(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var equals = text.IndexOf('=');
        if (equals < 0)
        {
            diagnostics.Report(source.LocationOf(0), $"expirevar needs COLLECTION.KEY=SECONDS, found '{Shown.Text(text)}'.");
            return null;
        }

        if (ParseTarget(source, SkipBlanks(text), equals, "expirevar", diagnostics) is not { } target)
        {
            return null;
        }

        var (collection, key) = target;

        var seconds = MacroParser.Parse(source.Slice(equals + 1), diagnostics);
        if (seconds is null)
        {
            return null;
        }

        if (seconds.IsConstant && !int.TryParse(seconds.Text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            diagnostics.Report(source.LocationOf(equals + 1), $"expirevar: '{Shown.Text(seconds.Text)}' is not a number of seconds.");
            return null;
        }

        return new CollectionAssignment { Collection = collection, Key = key, Mode = AssignmentMode.Set, Value = seconds };
    }

    public static CollectionAssignment? ParseInitCol(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var equals = text.IndexOf('=');
        var name = (equals < 0 ? text : text[..equals]).Trim();
        if (equals < 0 || !VariableCatalog.TryParse(name, out var collection) || !VariableCatalog.IsPersistent(collection))
        {
            diagnostics.Report(source.LocationOf(0), $"initcol needs COLLECTION=KEY with COLLECTION one of GLOBAL, IP, RESOURCE, SESSION, USER; found '{Shown.Text(text)}'.");
            return null;
        }

        var key = MacroParser.Parse(source.Slice(equals + 1), diagnostics);
        return key is null ? null : new CollectionAssignment { Collection = collection, Mode = AssignmentMode.Set, Value = key };
    }

    public static CollectionAssignment? ParseSetEnv(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var delete = text.StartsWith('!');
        var equals = text.IndexOf('=');
        var nameStart = delete ? 1 : 0;
        var nameEnd = equals < 0 ? text.Length : equals;
        if (nameEnd <= nameStart || (delete && equals >= 0) || (!delete && equals < 0))
        {
            diagnostics.Report(source.LocationOf(0), $"setenv needs NAME=VALUE (or !NAME to unset), found '{Shown.Text(text)}'.");
            return null;
        }

        var name = MacroParser.Parse(source.Slice(nameStart, nameEnd - nameStart), diagnostics);
        var value = delete ? MacroString.Empty : MacroParser.Parse(source.Slice(equals + 1), diagnostics);
        return name is null || value is null
            ? null
            : new CollectionAssignment { Collection = VariableName.Env, Key = name, Mode = delete ? AssignmentMode.Delete : AssignmentMode.Set, Value = value };
    }

    // COLLECTION.KEY between start and end.
    private static (VariableName Collection, MacroString Key)? ParseTarget(TextSource source, int start, int end, string action, Diagnostics diagnostics)
    {
        var text = source.Text;
        var target = text[start..end].TrimEnd(' ', '\t');
        var dot = target.IndexOf('.');
        if (dot <= 0 || dot == target.Length - 1)
        {
            diagnostics.Report(source.LocationOf(start), $"{action} needs COLLECTION.KEY (such as tx.anomaly_score), found '{Shown.Text(target)}'.");
            return null;
        }

        var name = target[..dot];
        if (!VariableCatalog.TryParse(name, out var collection) || !VariableCatalog.IsWritable(collection))
        {
            diagnostics.Report(source.LocationOf(start), $"{action} cannot write to '{Shown.Text(name)}'; writable collections: TX, IP, GLOBAL, RESOURCE, SESSION, USER.");
            return null;
        }

        var key = MacroParser.Parse(source.Slice(start + dot + 1, target.Length - dot - 1), diagnostics);
        return key is null ? null : (collection, key);
    }

    private static int SkipBlanks(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
