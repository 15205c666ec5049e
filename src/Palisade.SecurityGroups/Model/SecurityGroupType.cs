namespace Palisade.SecurityGroups.Model;

/// <summary>
/// Basic ("normal") groups deny inbound traffic except from members of the same group and allow all outbound
/// traffic when no rule matches. Enterprise groups deny both ways and have no intra-group access.
/// </summary>
public enum SecurityGroupType
{
    Normal,
    Enterprise,
}
