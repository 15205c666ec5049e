using System.Numerics;
using System.Runtime.CompilerServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// An entry as a leaf stores it when fields do not fit vector lanes (IPv6): each range as its low end and width, so
/// that a field is tested with one unsigned compare ((value − low) ≤ width wraps around for values below low).
/// Ports and protocol keep their own small types, which keeps an IPv6 rule at 80 bytes.
/// </summary>
/// <typeparam name="T">The address type (UInt128 for IPv6).</typeparam>
internal readonly struct ScalarLeafRule<T> : ILeafRule<ScalarLeafRule<T>, T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private readonly T _sourceLow;
    private readonly T _sourceWidth;
    private readonly T _destinationLow;
    private readonly T _destinationWidth;
    private readonly ushort _sourcePortLow;
    private readonly ushort _sourcePortWidth;
    private readonly ushort _destinationPortLow;
    private readonly ushort _destinationPortWidth;
    private readonly byte _protocolLow;
    private readonly byte _protocolWidth;
    private readonly int _reportedIndex;

    private ScalarLeafRule(ReadOnlySpan<T> lows, ReadOnlySpan<T> highs, int reportedIndex)
    {
        _protocolLow = byte.CreateTruncating(lows[TreeDimension.Protocol]);
        _protocolWidth = byte.CreateTruncating(highs[TreeDimension.Protocol] - lows[TreeDimension.Protocol]);
        _sourceLow = lows[TreeDimension.Source];
        _sourceWidth = highs[TreeDimension.Source] - lows[TreeDimension.Source];
        _destinationLow = lows[TreeDimension.Destination];
        _destinationWidth = highs[TreeDimension.Destination] - lows[TreeDimension.Destination];
        _sourcePortLow = ushort.CreateTruncating(lows[TreeDimension.SourcePort]);
        _sourcePortWidth = ushort.CreateTruncating(highs[TreeDimension.SourcePort] - lows[TreeDimension.SourcePort]);
        _destinationPortLow = ushort.CreateTruncating(lows[TreeDimension.DestinationPort]);
        _destinationPortWidth = ushort.CreateTruncating(highs[TreeDimension.DestinationPort] - lows[TreeDimension.DestinationPort]);
        _reportedIndex = reportedIndex;
    }

    public static ScalarLeafRule<T> Create(ReadOnlySpan<T> lows, ReadOnlySpan<T> highs, int reportedIndex) => new(lows, highs, reportedIndex);

    public static int ReportedIndex(ref readonly ScalarLeafRule<T> rule) => rule._reportedIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Matches(ref readonly ScalarLeafRule<T> rule, ref readonly PacketFields<T> fields) =>
        rule.Matches(byte.CreateTruncating(fields[TreeDimension.Protocol]), fields[TreeDimension.Source], fields[TreeDimension.Destination],
            ushort.CreateTruncating(fields[TreeDimension.SourcePort]), ushort.CreateTruncating(fields[TreeDimension.DestinationPort]));

    /// <summary>
    /// Non-short-circuit ANDs: one branch per rule instead of one per field, since in a leaf most rules fail on some
    /// field and the branch on which one would mispredict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(byte protocol, T source, T destination, ushort sourcePort, ushort destinationPort) =>
        ((byte)(protocol - _protocolLow) <= _protocolWidth)
        & (source - _sourceLow <= _sourceWidth)
        & (destination - _destinationLow <= _destinationWidth)
        & ((ushort)(sourcePort - _sourcePortLow) <= _sourcePortWidth)
        & ((ushort)(destinationPort - _destinationPortLow) <= _destinationPortWidth);
}
