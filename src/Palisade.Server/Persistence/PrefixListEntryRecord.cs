namespace Palisade.Server.Persistence;

internal sealed class PrefixListEntryRecord
{
    public required string PrefixListId { get; set; }

    /// <summary>Canonical CIDR text.</summary>
    public required string Cidr { get; set; }

    public string Description { get; set; } = "";
}
