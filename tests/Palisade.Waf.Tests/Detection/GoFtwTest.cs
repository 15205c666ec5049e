namespace Palisade.Waf.Tests.Detection;

/// <summary>One go-ftw regression test of a CRS rule file (rule_id-N).</summary>
internal sealed record GoFtwTest(int RuleId, int TestId, string Description, IReadOnlyList<GoFtwStage> Stages)
{
    public override string ToString() => $"{RuleId}-{TestId}";
}
