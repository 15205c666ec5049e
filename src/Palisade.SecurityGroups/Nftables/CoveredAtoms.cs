using Palisade.Core;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Drops the atoms that can never decide a packet: those entirely inside one earlier atom of the same list. Every
/// packet such an atom matches is matched first by the earlier one, so leaving it out changes no verdict and no
/// counter (its rule's counter is still declared, and stays at zero as the evaluator says it must).
/// </summary>
/// <remarks>
/// Large rule lists are full of these — a broad rule early in the order ("udp 1024-65535 from 203.0.113.0/24")
/// hides the narrower ones after it — and in a layered chain each of them costs a layer or a rule that every
/// packet falling through the list must still test: with the 10,000-rule benchmark set, removing them halves the
/// layers of the largest chain and cuts its plain rules by more than half (docs/benchmarks.md). Only single
/// covering atoms are looked for; an atom covered by a union of several is left alone, which is always safe.
/// <para>
/// An atom inside an earlier one has a source block inside the earlier atom's (blocks are laminar), so candidates
/// come from an index of the kept atoms by source block: one lookup per prefix length in use, each at the atom's
/// own network masked to that length. An atom that is itself covered is not indexed: whatever it covers, the atom
/// covering it covers too.
/// </para>
/// </remarks>
internal static class CoveredAtoms
{
    /// <summary>The atoms (one family and shape, in evaluation order) that no single earlier atom covers, in order.</summary>
    public static MatchAtom[] Remove(MatchAtom[] atoms)
    {
        if (atoms.Length < 2)
        {
            return atoms;
        }

        var addressBits = atoms[0].Family == IpFamily.IPv4 ? 32 : 128;
        var bySource = new Dictionary<(int PrefixLength, UInt128 Network), List<int>>();
        var lengthsInUse = new bool[addressBits + 1];
        var kept = new List<MatchAtom>(atoms.Length);
        foreach (var atom in atoms)
        {
            if (IsCovered(atom, kept, bySource, lengthsInUse, addressBits))
            {
                continue;
            }

            var key = (atom.Source.PrefixLength, atom.Source.Network);
            if (!bySource.TryGetValue(key, out var list))
            {
                bySource[key] = list = [];
                lengthsInUse[atom.Source.PrefixLength] = true;
            }

            list.Add(kept.Count);
            kept.Add(atom);
        }

        return kept.Count == atoms.Length ? atoms : [.. kept];
    }

    private static bool IsCovered(
        in MatchAtom atom, List<MatchAtom> kept, Dictionary<(int, UInt128), List<int>> bySource, bool[] lengthsInUse, int addressBits)
    {
        for (var length = 0; length <= atom.Source.PrefixLength; length++)
        {
            if (!lengthsInUse[length] || !bySource.TryGetValue((length, atom.Source.Network & ~HostMask(addressBits, length)), out var candidates))
            {
                continue;
            }

            foreach (var index in candidates)
            {
                if (Covers(kept[index], atom))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when every packet <paramref name="inner"/> matches is matched by <paramref name="outer"/>.</summary>
    internal static bool Covers(in MatchAtom outer, in MatchAtom inner) =>
        outer.ProtocolLow <= inner.ProtocolLow && inner.ProtocolHigh <= outer.ProtocolHigh
        && outer.DestinationPortLow <= inner.DestinationPortLow && inner.DestinationPortHigh <= outer.DestinationPortHigh
        && outer.SourcePortLow <= inner.SourcePortLow && inner.SourcePortHigh <= outer.SourcePortHigh
        && outer.Source.Contains(inner.Source) && outer.Destination.Contains(inner.Destination);

    private static UInt128 HostMask(int addressBits, int prefixLength)
    {
        var hostBits = addressBits - prefixLength;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }
}
