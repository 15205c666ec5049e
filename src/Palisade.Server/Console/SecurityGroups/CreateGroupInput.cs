namespace Palisade.Server.Console.SecurityGroups;

/// <summary>The fields of the "Create Security Group" dialog.</summary>
internal sealed class CreateGroupInput
{
    public string? SecurityGroupName { get; set; }

    public string? Description { get; set; }

    /// <summary>normal (shown as Basic) or enterprise.</summary>
    public string SecurityGroupType { get; set; } = "normal";

    /// <summary>Accept or Drop; enterprise groups are always Drop.</summary>
    public string InnerAccessPolicy { get; set; } = "Accept";

    /// <summary>
    /// Fresh for each rendering of the dialog: submitting the same form twice (a double click, a reload) creates
    /// one group, as CreateSecurityGroup does for a repeated ClientToken.
    /// </summary>
    public string? ClientToken { get; set; }
}
