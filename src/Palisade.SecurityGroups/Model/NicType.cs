namespace Palisade.SecurityGroups.Model;

/// <summary>
/// The kind of network interface a rule applies to. A rule applies only to NICs of its own type; both default
/// to <see cref="Intranet"/>, as in a VPC where every NIC is an intranet NIC.
/// </summary>
public enum NicType
{
    Intranet,
    Internet,
}
