using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// The part of (peer address × source port) space that no entry has decided yet, while entries are swept in
/// evaluation order: a sorted list of disjoint address segments, each with the source ports still undecided.
/// Each entry takes its box out of the region, and what it took is exactly what it decides (first match wins).
/// </summary>
/// <remarks>
/// Almost every entry spans all source ports, so segments nearly always carry the single span 0..65535 and the
/// region stays a plain sorted range list; a segment is split only where an entry's block or ports cut it.
/// </remarks>
internal sealed class UndecidedRegion
{
    private static readonly ImmutableArray<PortSpan> AllPorts = [PortSpan.All];

    private readonly List<Segment> _segments = [];

    public UndecidedRegion(IEnumerable<IpFamily> families)
    {
        foreach (var family in families.Distinct().Order())
        {
            var all = AddressRange.All(family);
            _segments.Add(new Segment(family, all.First, all.Last, AllPorts));
        }
    }

    public bool IsEmpty => _segments.Count == 0;

    /// <summary>
    /// Removes the box (addresses <paramref name="first"/>..<paramref name="last"/> × <paramref name="ports"/>)
    /// from the region and reports each removed piece: the part of the box this entry decides.
    /// </summary>
    public void Take(IpFamily family, UInt128 first, UInt128 last, PortSpan ports, List<DecidedPiece> taken, int decider)
    {
        var index = FindFirstEndingAtOrAfter(family, first);
        while (index < _segments.Count && _segments[index].Family == family && _segments[index].First <= last)
        {
            var segment = _segments[index];
            var overlap = Intersect(segment.Ports, ports);
            if (overlap.IsEmpty)
            {
                index++;
                continue;
            }

            if (segment.First < first)
            {
                _segments.Insert(index, segment with { Last = first - 1 });
                index++;
                segment = segment with { First = first };
            }

            if (segment.Last > last)
            {
                _segments.Insert(index + 1, segment with { First = last + 1 });
                segment = segment with { Last = last };
            }

            taken.Add(new DecidedPiece(new AddressRange(family, segment.First, segment.Last), overlap, decider));
            var left = Subtract(segment.Ports, ports);
            if (left.IsEmpty)
            {
                _segments.RemoveAt(index);
            }
            else
            {
                _segments[index] = segment with { Ports = left };
                index++;
            }
        }
    }

    private int FindFirstEndingAtOrAfter(IpFamily family, UInt128 address)
    {
        int low = 0, high = _segments.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var segment = _segments[middle];
            if (segment.Family < family || (segment.Family == family && segment.Last < address))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static ImmutableArray<PortSpan> Intersect(ImmutableArray<PortSpan> spans, PortSpan cut)
    {
        if (spans.Length == 1 && spans[0].IsAll)
        {
            return [cut];
        }

        var result = ImmutableArray.CreateBuilder<PortSpan>();
        foreach (var span in spans)
        {
            var low = Math.Max(span.Low, cut.Low);
            var high = Math.Min(span.High, cut.High);
            if (low <= high)
            {
                result.Add(new PortSpan((ushort)low, (ushort)high));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<PortSpan> Subtract(ImmutableArray<PortSpan> spans, PortSpan cut)
    {
        if (cut.IsAll)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<PortSpan>();
        foreach (var span in spans)
        {
            if (span.High < cut.Low || span.Low > cut.High)
            {
                result.Add(span);
                continue;
            }

            if (span.Low < cut.Low)
            {
                result.Add(new PortSpan(span.Low, (ushort)(cut.Low - 1)));
            }

            if (span.High > cut.High)
            {
                result.Add(new PortSpan((ushort)(cut.High + 1), span.High));
            }
        }

        return result.ToImmutable();
    }

    private readonly record struct Segment(IpFamily Family, UInt128 First, UInt128 Last, ImmutableArray<PortSpan> Ports);
}

/// <summary>A box of (peer addresses × source ports) decided by one decider (an entry index, or a special decider).</summary>
internal readonly record struct DecidedPiece(AddressRange Range, ImmutableArray<PortSpan> SourcePorts, int Decider);
