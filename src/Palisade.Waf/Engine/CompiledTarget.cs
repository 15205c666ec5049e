using System.Text.RegularExpressions;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// One target of a rule, ready to resolve: the variable, its selector (with the /regex/ compiled once, ignoring
/// case as ModSecurity v3's variable regexes do, or the XPath parsed once), and whether it counts or excludes.
/// </summary>
internal sealed class CompiledTarget
{
    private CompiledTarget(RuleVariable variable, Regex? keyPattern, XmlPath? xmlPath)
    {
        Variable = variable;
        Name = variable.Name;
        Key = variable.SelectorKind == VariableSelectorKind.Key ? variable.Selector : null;
        KeyPattern = keyPattern;
        XmlPath = xmlPath;
        DisplayName = VariableCatalog.NameOf(variable.Name);
    }

    public RuleVariable Variable { get; }

    public VariableName Name { get; }

    /// <summary>The member name for ARGS:foo; null without a key selector.</summary>
    public string? Key { get; }

    public Regex? KeyPattern { get; }

    public XmlPath? XmlPath { get; }

    public bool IsCount => Variable.IsCount;

    /// <summary>The SecLang name, e.g. "ARGS" (MATCHED_VAR_NAME puts ":key" after it).</summary>
    public string DisplayName { get; }

    /// <summary>True when this exclusion or removal drops the member <paramref name="key"/> of <paramref name="name"/>.</summary>
    public bool Covers(VariableName name, string key)
    {
        if (name != Name)
        {
            return false;
        }

        return Variable.SelectorKind switch
        {
            VariableSelectorKind.None => true,
            VariableSelectorKind.Key => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase),
            VariableSelectorKind.Regex => KeyPattern!.IsMatch(key),
            _ => false,
        };
    }

    public static CompiledTarget Compile(RuleVariable variable)
    {
        Regex? pattern = null;
        XmlPath? xmlPath = null;
        switch (variable.SelectorKind)
        {
            case VariableSelectorKind.Regex:
                pattern = CompileSelector(variable.Selector!);
                break;
            case VariableSelectorKind.XPath:
                xmlPath = XmlPath.TryParse(variable.Selector, out var parsed, out _) ? parsed : null;
                break;
            case VariableSelectorKind.Key when variable.Name == VariableName.Xml:
                xmlPath = XmlPath.TryParse(variable.Selector, out var keyed, out _) ? keyed : null;
                break;
            default:
                break;
        }

        return new CompiledTarget(variable, pattern, xmlPath);
    }

    private static Regex CompileSelector(string selector)
    {
        const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        try
        {
            return new Regex(selector, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(selector, Options, TimeSpan.FromMilliseconds(100));
        }
    }

    public override string ToString() => Variable.ToString();
}
