using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>What <see cref="ReferenceEvaluator"/> concluded: verdict, what decided, and the deciding rule or group.</summary>
internal readonly record struct ReferenceDecision(
    Verdict Verdict, DecidedBy DecidedBy, string? SecurityGroupRuleId = null, string? SecurityGroupId = null);
