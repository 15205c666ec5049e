using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// An IPv4 entry as a leaf stores it: one 64-byte cache line holding, lane by lane in <see cref="TreeDimension"/>
/// order, the low end and the width of each field's range. A packet is tested with one vector subtract and one
/// unsigned compare over all fields, (value − low) ≤ width, which wraps around for values below low.
/// </summary>
/// <remarks>
/// Lanes 5 and 6 are zero with width zero, matching the zero slots of <see cref="PacketFields{T}"/>; lane 7 of the
/// lows holds the reported index, with width uint.MaxValue so that it always passes. The scalar test of ten
/// bounds costs about forty instructions, and leaves are where a lookup spends much of its time. A 32-byte layout
/// (16-bit lanes, each address as two halves, which is exact for CIDR blocks) was measured too: half the memory,
/// speed within ±5 %, so not worth a rule that can hold only CIDR blocks.
/// </remarks>
internal readonly struct Ipv4LeafRule : ILeafRule<Ipv4LeafRule, uint>
{
    private const int IndexLane = 7;

    // Read through Lanes as sixteen uints; the fields give the struct its layout.
    private readonly Vector256<uint> _lows;
    private readonly Vector256<uint> _widths;

    private Ipv4LeafRule(Vector256<uint> lows, Vector256<uint> widths) => (_lows, _widths) = (lows, widths);

    /// <summary>Read as a plain load: extracting a lane from a vector costs two instructions more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReportedIndex(ref readonly Ipv4LeafRule rule) => (int)Unsafe.Add(ref Lanes(in rule), IndexLane);

    public static Ipv4LeafRule Create(ReadOnlySpan<uint> lows, ReadOnlySpan<uint> highs, int reportedIndex)
    {
        Span<uint> low = stackalloc uint[Vector256<uint>.Count];
        Span<uint> width = stackalloc uint[Vector256<uint>.Count];
        low.Clear();
        width.Clear();
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            low[d] = lows[d];
            width[d] = highs[d] - lows[d];
        }

        low[IndexLane] = (uint)reportedIndex;
        width[IndexLane] = uint.MaxValue;
        return new Ipv4LeafRule(Vector256.Create<uint>(low), Vector256.Create<uint>(width));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Matches(ref readonly Ipv4LeafRule rule, ref readonly PacketFields<uint> fields) =>
        Vector256.LessThanOrEqualAll(
            Vector256.LoadUnsafe(in fields[0]) - Vector256.LoadUnsafe(ref Lanes(in rule)),
            Vector256.LoadUnsafe(ref Lanes(in rule), (nuint)Vector256<uint>.Count));

    /// <summary>The rule as sixteen lanes: the lows, then the widths.</summary>
    private static ref uint Lanes(ref readonly Ipv4LeafRule rule) => ref Unsafe.As<Ipv4LeafRule, uint>(ref Unsafe.AsRef(in rule));
}
