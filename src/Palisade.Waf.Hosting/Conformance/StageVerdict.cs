namespace Palisade.Waf.Hosting.Conformance;

/// <summary>How one stage was judged: on failure, what was expected and what happened instead.</summary>
internal sealed record StageVerdict(bool Passed, string Expected, string Actual, IReadOnlyList<int> IdsSeen)
{
    public static StageVerdict Pass(IReadOnlyList<int> idsSeen) => new(true, "", "", idsSeen);

    public static StageVerdict Fail(string expected, string actual, IReadOnlyList<int> idsSeen) => new(false, expected, actual, idsSeen);
}
