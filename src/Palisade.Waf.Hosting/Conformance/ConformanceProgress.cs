namespace Palisade.Waf.Hosting.Conformance;

/// <summary>Reported after each test.</summary>
public sealed record ConformanceProgress(int Completed, int Total, int Passed, int Failed, string LastTestId);
