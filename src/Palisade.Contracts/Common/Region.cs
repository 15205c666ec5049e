namespace Palisade.Contracts.Common;

public sealed record DescribeRegionsResponse : ApiResponse
{
    public List<RegionInfo> Regions { get; set; } = [];
}

public sealed record RegionInfo
{
    public string RegionId { get; set; } = "";

    public string LocalName { get; set; } = "";
}

public sealed record CreateRegionRequest
{
    public string? RegionId { get; set; }

    public string? LocalName { get; set; }
}
