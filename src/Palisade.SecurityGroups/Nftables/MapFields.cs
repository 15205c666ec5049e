namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// The fields a verdict map's key is made of. A field every element of a layer leaves open (all protocols of
/// the shape, 0.0.0.0/0, all ports) is left out of the key: fewer fields make a cheaper pipapo lookup.
/// </summary>
[Flags]
internal enum MapFields
{
    None = 0,
    Protocol = 1,
    Source = 2,
    Destination = 4,
    SourcePort = 8,
    DestinationPort = 16,
}
