using Palisade.Contracts.Common;

namespace Palisade.Contracts.PrefixLists;

public sealed record PrefixListEntryInput
{
    public string? Cidr { get; set; }

    public string? Description { get; set; }
}

public sealed record CreatePrefixListRequest
{
    public string? RegionId { get; set; }

    public string? PrefixListName { get; set; }

    /// <summary>IPv4 (default) or IPv6.</summary>
    public string? AddressFamily { get; set; }

    public string? MaxEntries { get; set; }

    public string? Description { get; set; }

    public List<PrefixListEntryInput>? Entry { get; set; }
}

public sealed record CreatePrefixListResponse : ApiResponse
{
    public string PrefixListId { get; set; } = "";
}

public sealed record DescribePrefixListsRequest
{
    public string? RegionId { get; set; }

    public List<string>? PrefixListId { get; set; }
}

public sealed record DescribePrefixListsResponse : ApiResponse
{
    public List<PrefixListInfo> PrefixLists { get; set; } = [];
}

public sealed record PrefixListInfo
{
    public string PrefixListId { get; set; } = "";

    public string PrefixListName { get; set; } = "";

    public string AddressFamily { get; set; } = "";

    public int MaxEntries { get; set; }

    public string Description { get; set; } = "";

    public string CreationTime { get; set; } = "";

    public List<PrefixListEntryInfo> Entries { get; set; } = [];
}

public sealed record PrefixListEntryInfo
{
    public string Cidr { get; set; } = "";

    public string Description { get; set; } = "";
}

public sealed record ModifyPrefixListRequest
{
    public string? RegionId { get; set; }

    public string? PrefixListId { get; set; }

    public string? PrefixListName { get; set; }

    public string? Description { get; set; }

    public List<PrefixListEntryInput>? AddEntry { get; set; }

    public List<PrefixListEntryInput>? RemoveEntry { get; set; }
}

public sealed record DeletePrefixListRequest
{
    public string? RegionId { get; set; }

    public string? PrefixListId { get; set; }
}
