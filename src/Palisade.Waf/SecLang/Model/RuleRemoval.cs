namespace Palisade.Waf.SecLang.Model;

/// <summary>SecRuleRemoveById / ByTag / ByMsg: removes the matching rules defined before it.</summary>
public sealed class RuleRemoval : ConfigurationItem
{
    public RuleRemoval(RuleFilter filter, SourceLocation location)
        : base(location)
    {
        Filter = filter;
    }

    public RuleFilter Filter { get; }
}
