namespace Palisade.Server.Persistence;

internal sealed class RegionRecord
{
    public required string RegionId { get; set; }

    public string LocalName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
