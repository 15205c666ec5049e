namespace Palisade.SecurityGroups.Nftables;

/// <summary>Which packets a <see cref="MatchAtom"/> is written for.</summary>
internal enum MatchShape
{
    /// <summary>TCP and UDP packets, whose ports are matched (<c>th sport</c>, <c>th dport</c>).</summary>
    Ports,

    /// <summary>Every other protocol: the evaluator gives these packets port 0, so ports are not matched.</summary>
    NoPorts,

    /// <summary>Packets of any protocol in the range, with no port condition (only in linear chains).</summary>
    Any,
}
