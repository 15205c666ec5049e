namespace Palisade.SecurityGroups.Nftables;

/// <summary>The value of one named counter as the kernel reported it.</summary>
public sealed record NftCounterValue(string CounterName, long Packets, long Bytes);
