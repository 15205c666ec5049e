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

    private const int MaxSpareRows = 2048;

    public List<TargetValue> Values { get; } = [];

    /// <summary>The values of phase-fixed target lists, collected once per phase (see <see cref="TargetSets"/>).</summary>
    public List<TargetValue> TargetBuffer { get; } = [];

    /// <summary>Per target list id: the phase its values were collected in (0 = not yet) and where they are in the buffer.</summary>
    public List<(int Phase, int Start, int Count)> TargetSets { get; } = [];

    public Dictionary<string, int> TextIds { get; } = new(StringComparer.Ordinal);

    public List<TargetValue> MatchedVars { get; } = [];

    public OperatorCaptures Captures { get; } = new();

    /// <summary>
    /// Per text slot, the cache entry (index + 1, 0 = not computed) of that text under each pipeline: one array read
    /// per value and rule instead of a hash lookup. Rows are kept and cleared for reuse.
    /// </summary>
    private readonly List<int[]?> _textRows = [];
    private readonly Dictionary<int, int[]> _scalarRows = [];
    private readonly Stack<int[]> _spareRows = new();
    private int _rowsInUse;

    public List<TransformedValue> Cache { get; } = [];

    public List<ulong> PrefilterBits { get; } = [];

    /// <summary>The row of <paramref name="slot"/> (a text id, or a request fact's slot at 1 &lt;&lt; 30 and above).</summary>
    public int[] RowOf(int slot, int pipelineCount)
    {
        if (slot >= 1 << 30)
        {
            if (!_scalarRows.TryGetValue(slot, out var scalarRow))
            {
                scalarRow = NewRow(pipelineCount);
                _scalarRows[slot] = scalarRow;
            }

            return scalarRow;
        }

        while (_textRows.Count <= slot)
        {
            _textRows.Add(null);
        }

        _rowsInUse = Math.Max(_rowsInUse, slot + 1);
        return _textRows[slot] ??= NewRow(pipelineCount);
    }

    /// <summary>Rows beyond a typical request's needs are let go, so one hostile request does not pin its memory.</summary>
    private void KeepSpare(int[] row)
    {
        if (_spareRows.Count < MaxSpareRows)
        {
            Array.Clear(row);
            _spareRows.Push(row);
        }
    }

    private int[] NewRow(int pipelineCount) =>
        _spareRows.TryPop(out var row) && row.Length == pipelineCount ? row : new int[pipelineCount];

    public bool IsWorthKeeping => Cache.Count <= MaxRetainedValues && Values.Capacity <= MaxRetainedValues
        && TargetBuffer.Capacity <= MaxRetainedValues * 4 && TextIds.Count <= MaxRetainedValues;

    public void Clear()
    {
        Values.Clear();
        TargetBuffer.Clear();
        TargetSets.Clear();
        TextIds.Clear();
        MatchedVars.Clear();
        Captures.Clear();
        for (var i = 0; i < _rowsInUse && i < _textRows.Count; i++)
        {
            if (_textRows[i] is { } row)
            {
                KeepSpare(row);
                _textRows[i] = null;
            }
        }

        foreach (var row in _scalarRows.Values)
        {
            KeepSpare(row);
        }

        _scalarRows.Clear();
        _rowsInUse = 0;
        Cache.Clear();
        PrefilterBits.Clear();
    }
}

/// <summary>
/// A value after one pipeline, and where its prefilter scan is kept (-1 until scanned). <see cref="SameAs"/> points at
/// the entry holding the very same string (its last step changed nothing), whose scan it shares; -1 for an owner.
/// </summary>
internal readonly record struct TransformedValue(string Transformed, int PrefilterOffset, int SameAs = -1);
