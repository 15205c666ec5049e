using System.Text.RegularExpressions;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Picks rules by id ranges, by tag or by msg, for SecRuleRemoveBy*, SecRuleUpdateTargetBy* and the ctl:ruleRemove*
/// kinds. Tag and msg patterns are regular expressions searched anywhere in the value, as the ModSecurity reference
/// manual defines SecRuleRemoveByTag/ByMsg (v2 semantics; libmodsecurity v3 compares whole strings, which gives the
/// same answer for CRS's tags). Immutable and thread-safe.
/// </summary>
public sealed class RuleFilter
{
    private readonly Regex? _pattern;

    private RuleFilter(RuleFilterKind kind, IReadOnlyList<RuleIdRange> ids, string? pattern, Regex? regex)
    {
        Kind = kind;
        Ids = ids;
        Pattern = pattern;
        _pattern = regex;
    }

    public RuleFilterKind Kind { get; }

    /// <summary>For <see cref="RuleFilterKind.Id"/>: the id ranges; empty otherwise.</summary>
    public IReadOnlyList<RuleIdRange> Ids { get; }

    /// <summary>For tag and msg filters: the pattern as written; null for id filters.</summary>
    public string? Pattern { get; }

    public static RuleFilter ById(IReadOnlyList<RuleIdRange> ids) => new(RuleFilterKind.Id, ids, null, null);

    /// <summary>A tag or msg filter; throws <see cref="ArgumentException"/> when the pattern is not a valid regular expression.</summary>
    public static RuleFilter ByPattern(RuleFilterKind kind, string pattern)
    {
        if (kind == RuleFilterKind.Id)
        {
            throw new ArgumentException("Use ById for id filters.", nameof(kind));
        }

        return new(kind, [], pattern, CompilePattern(pattern));
    }

    public bool Matches(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        switch (Kind)
        {
            case RuleFilterKind.Id:
                if (rule.Id is not { } id)
                {
                    return false;
                }

                foreach (var range in Ids)
                {
                    if (range.Contains(id))
                    {
                        return true;
                    }
                }

                return false;
            case RuleFilterKind.Tag:
                foreach (var tag in rule.Tags)
                {
                    if (_pattern!.IsMatch(tag))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return rule.Message is { } message && _pattern!.IsMatch(message.Text);
        }
    }

    public override string ToString() => Kind == RuleFilterKind.Id ? string.Join(' ', Ids) : Pattern!;

    private static Regex CompilePattern(string pattern)
    {
        // Patterns come from configuration, matched against rule metadata at load time and by ctl at run time; the
        // non-backtracking engine keeps a hostile pattern from costing more than linear time.
        const RegexOptions Options = RegexOptions.CultureInvariant;
        try
        {
            return new Regex(pattern, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, Options, TimeSpan.FromMilliseconds(100));
        }
    }
}
