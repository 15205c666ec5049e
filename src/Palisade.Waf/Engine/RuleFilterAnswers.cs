using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// A run-time rule filter (ctl:ruleRemoveBy*, ctl:ruleRemoveTargetBy*) with its answer per rule, filled on first use
/// and shared by every transaction: the answer never changes for a given filter and rule, and a tag filter would
/// otherwise run its regex over every tag of every rule on every request (CRS's 941010 sets one for most requests).
/// Thread-safe: racing writers store the same answer.
/// </summary>
internal sealed class RuleFilterAnswers(RuleFilter filter, int ruleCount)
{
    private const byte Unknown = 0;
    private const byte No = 1;
    private const byte Yes = 2;

    private readonly byte[] _answers = new byte[ruleCount + 1];

    public bool Selects(CompiledRule rule)
    {
        var known = Volatile.Read(ref _answers[rule.Ordinal]);
        if (known == Unknown)
        {
            known = filter.Matches(rule.Definition) ? Yes : No;
            Volatile.Write(ref _answers[rule.Ordinal], known);
        }

        return known == Yes;
    }
}
