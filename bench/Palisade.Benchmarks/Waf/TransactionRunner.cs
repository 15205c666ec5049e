namespace Palisade.Benchmarks.Waf;

/// <summary>
/// One engine prepared for one request: everything that can be done once (encoding strings, building the header
/// list) is done in the constructor, so <see cref="Run"/> times only the engine's own per-transaction work.
/// </summary>
internal abstract class TransactionRunner
{
    public abstract string EngineName { get; }

    /// <summary>One whole transaction, phases 1 to 5; returns the intervention's status, or 0 when there was none.</summary>
    public abstract int Run(StepClock? clock = null);

    /// <summary>One transaction with logging observed, for the benign check.</summary>
    public abstract WafVerdict Inspect();
}
