namespace Palisade.Waf.Hosting.Conformance;

/// <summary>The test files that loaded and an error line ("file:line:column: message") for each that did not.</summary>
internal sealed record FtwLoadResult(IReadOnlyList<FtwTestFile> Files, IReadOnlyList<string> Errors)
{
    /// <summary>Every test of every file, in file order.</summary>
    public IEnumerable<FtwTest> Tests => Files.SelectMany(f => f.Tests);
}
