using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>A parsed SecRule/SecAction waiting for its chain to complete before it becomes a <see cref="RuleDefinition"/>.</summary>
internal sealed record PendingRule(RuleKind Kind, RuleVariable[] Variables, RuleOperator? Operator, RuleAction[] Actions, SourceLocation Location)
{
    public bool HasChain => Array.Exists(Actions, a => a.Name == ActionName.Chain);

    public int? Id => Array.FindLast(Actions, a => a.Name == ActionName.Id)?.Number;

    public int Phase => Array.FindLast(Actions, a => a.Name == ActionName.Phase)?.Number ?? RuleDefinition.DefaultPhase;
}
