namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// SecRuleUpdateTargetById / ByTag / ByMsg: adds targets (or exclusions such as !ARGS:foo) to the matching rules
/// defined before it, or, with a third argument, replaces <see cref="ReplacedTarget"/> by <see cref="Targets"/>.
/// </summary>
public sealed class RuleTargetUpdate : ConfigurationItem
{
    public RuleTargetUpdate(RuleFilter filter, IReadOnlyList<RuleVariable> targets, RuleVariable? replacedTarget, SourceLocation location)
        : base(location)
    {
        Filter = filter;
        Targets = targets;
        ReplacedTarget = replacedTarget;
    }

    public RuleFilter Filter { get; }

    public IReadOnlyList<RuleVariable> Targets { get; }

    public RuleVariable? ReplacedTarget { get; }
}
