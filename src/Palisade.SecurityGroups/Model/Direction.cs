namespace Palisade.SecurityGroups.Model;

/// <summary>Which way a rule looks: at traffic arriving at the instance, or leaving it.</summary>
public enum Direction
{
    Ingress,
    Egress,
}
