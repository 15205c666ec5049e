using Palisade.Waf.Operators;

namespace Palisade.Waf.Engine;

/// <summary>
/// The working memory of a transaction that does not outlive it — target values, the per-value transformation cache
/// and prefilter bits, captures — kept by the engine between transactions so a steady stream of requests reuses the
/// same arrays instead of allocating and collecting them each time (the bits grow with the rule count, so without
/// reuse every added rule would cost every request). Used by one transaction at a time.
/// </summary>
internal sealed class TransactionScratch
{
    /// <summary>Beyond this many cached values a scratch is not kept: one hostile request must not pin its memory.</summary>
    private const int MaxRetainedValues = 65_536;

    /// <summary>Distinct texts seen at most per transaction (keys and values of the request collections).</summary>
    public const int MaxTextIds = 1 << 20;

    public List<TargetValue> Values { get; } = [];

    public Dictionary<string, int> TextIds { get; } = new(StringComparer.Ordinal);

    public List<TargetValue> MatchedVars { get; } = [];

    public OperatorCaptures Captures { get; } = new();

    public Dictionary<long, int> CacheIndex { get; } = [];

    public List<TransformedValue> Cache { get; } = [];

    public List<ulong> PrefilterBits { get; } = [];

    public bool IsWorthKeeping => Cache.Count <= MaxRetainedValues && Values.Capacity <= MaxRetainedValues && TextIds.Count <= MaxRetainedValues;

    public void Clear()
    {
        Values.Clear();
        TextIds.Clear();
        MatchedVars.Clear();
        Captures.Clear();
        CacheIndex.Clear();
        Cache.Clear();
        PrefilterBits.Clear();
    }
}

/// <summary>
/// A value after one pipeline, and where its prefilter scan is kept (-1 until scanned). <see cref="SameAs"/> points at
/// the entry holding the very same string (its last step changed nothing), whose scan it shares; -1 for an owner.
/// </summary>
internal readonly record struct TransformedValue(string Transformed, int PrefilterOffset, int SameAs = -1);
