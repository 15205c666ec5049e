namespace Palisade.Waf.Tests.Conformance;

/// <summary>One go-ftw test ("942100-3") with its stages.</summary>
internal sealed record FtwTestCase(string Id, IReadOnlyList<FtwStage> Stages)
{
    public override string ToString() => Id;
}
