namespace Palisade.SecurityGroups.Effective;

/// <summary>Why an entry of an effective policy exists.</summary>
public enum EntryKind
{
    /// <summary>Inbound management access (SSH from the operator's networks and the control plane).</summary>
    Management,

    /// <summary>Outbound access to the control plane, so the agent can always report and receive.</summary>
    ControlPlane,

    /// <summary>A security group rule.</summary>
    Rule,

    /// <summary>Traffic between members of a basic group whose intra-group policy is Accept.</summary>
    IntraGroup,

    /// <summary>The group type's default when nothing else matched.</summary>
    Default,
}
