using Palisade.Core;

namespace Palisade.Server.Persistence;

internal sealed class PrefixListRecord
{
    public required string PrefixListId { get; set; }

    public required string RegionId { get; set; }

    public string Name { get; set; } = "";

    public IpFamily AddressFamily { get; set; }

    public int MaxEntries { get; set; }

    public string Description { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public List<PrefixListEntryRecord> Entries { get; set; } = [];
}
