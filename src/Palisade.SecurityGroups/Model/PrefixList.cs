using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>A named, reusable list of CIDR blocks of one family that rules can refer to.</summary>
public sealed record PrefixList
{
    public required string PrefixListId { get; init; }

    public string PrefixListName { get; init; } = "";

    public IpFamily AddressFamily { get; init; } = IpFamily.IPv4;

    public int MaxEntries { get; init; } = 50;

    public ImmutableArray<Cidr> Entries { get; init; } = [];
}
