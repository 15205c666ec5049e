using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;

namespace Palisade.Cli.Commands;

/// <summary>`palisade sg …`: the groups themselves; rules are in <see cref="RuleCommands"/>, analysis in <see cref="AccessCommands"/>.</summary>
internal static class SecurityGroupCommands
{
    public static Command Create(ApiCommandRunner runner)
    {
        var sg = new Command("sg", "Security groups: virtual stateful firewalls whose rules every agent enforces with nftables.")
        {
            CreateGroup(runner),
            Describe(runner),
            List(runner),
            Delete(runner),
        };
        foreach (var command in RuleCommands.Create(runner))
        {
            sg.Add(command);
        }

        sg.Add(ModifyPolicy(runner));
        sg.Add(ModifyAttribute(runner));
        sg.Add(References(runner));
        foreach (var command in AccessCommands.Create(runner))
        {
            sg.Add(command);
        }

        return sg;
    }

    private static Command CreateGroup(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var name = CliOptions.Text("--security-group-name", "A name for people, 2-128 characters.", "NAME");
        var description = CliOptions.Text("--description", "What the group is for (up to 512 characters).", "TEXT");
        var type = CliOptions.Text("--security-group-type",
            "normal (basic, default): members reach each other, inbound denied, outbound allowed; enterprise: both denied, no intra-group access.", "TYPE");
        var clientToken = CliOptions.Text("--client-token", "Makes retries safe: repeating the command with the same token returns the first group.", "TOKEN");
        var command = new ExampleCommand(
            "create",
            "Create a security group.",
            "./palisade sg create --security-group-name web --description \"web servers\"")
        {
            region, name, description, type, clientToken,
        };
        runner.Bind<CreateSecurityGroupRequest, CreateSecurityGroupResponse>(command, ApiActions.CreateSecurityGroup, parse => new()
        {
            RegionId = parse.GetValue(region),
            SecurityGroupName = parse.GetValue(name),
            Description = parse.GetValue(description),
            SecurityGroupType = parse.GetValue(type),
            ClientToken = parse.GetValue(clientToken),
        }, SecurityGroupTables.Created);
        return command;
    }

    private static Command Describe(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var direction = CliOptions.Text("--direction", "ingress, egress or all (default).", "DIRECTION");
        var nicType = CliOptions.Text("--nic-type", "Only rules for this NIC type: internet or intranet.", "TYPE");
        var command = new ExampleCommand(
            "describe",
            "Show a group and its rules in evaluation order (priority, then drop before accept, then oldest), with hit counts.",
            "./palisade sg describe --security-group-id sg-0a1b2c3d4e5f")
        {
            region, id, direction, nicType,
        };
        runner.Bind<DescribeSecurityGroupAttributeRequest, DescribeSecurityGroupAttributeResponse>(command, ApiActions.DescribeSecurityGroupAttribute,
            parse => new()
            {
                RegionId = parse.GetValue(region),
                SecurityGroupId = parse.GetValue(id),
                Direction = parse.GetValue(direction),
                NicType = parse.GetValue(nicType),
            }, SecurityGroupTables.Describe);
        return command;
    }

    private static Command List(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var ids = CliOptions.Repeatable("--security-group-id", "Only these groups (repeat the option for several).", "ID");
        var name = CliOptions.Text("--security-group-name", "Only groups with this name.", "NAME");
        var page = CliOptions.Text("--page-number", "The page to show, from 1.", "N");
        var pageSize = CliOptions.Text("--page-size", "Groups per page.", "N");
        var command = new ExampleCommand(
            "list",
            "List security groups with their rule and instance counts.",
            "./palisade sg list")
        {
            region, ids, name, page, pageSize,
        };
        runner.Bind<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResponse>(command, ApiActions.DescribeSecurityGroups, parse => new()
        {
            RegionId = parse.GetValue(region),
            SecurityGroupIds = CliOptions.ListOrNull(parse.GetValue(ids)),
            SecurityGroupName = parse.GetValue(name),
            PageNumber = parse.GetValue(page),
            PageSize = parse.GetValue(pageSize),
        }, SecurityGroupTables.List);
        return command;
    }

    private static Command Delete(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var command = new ExampleCommand(
            "delete",
            "Delete a group that no instance is in and no other group's rule refers to (see `sg references`).",
            "./palisade sg delete --security-group-id sg-0a1b2c3d4e5f")
        {
            region, id,
        };
        runner.Bind<DeleteSecurityGroupRequest, ApiResponse>(command, ApiActions.DeleteSecurityGroup,
            parse => new() { RegionId = parse.GetValue(region), SecurityGroupId = parse.GetValue(id) },
            (_, console) => Tables.Line(console, "Deleted."));
        return command;
    }

    private static Command ModifyPolicy(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var policy = CliOptions.Text("--inner-access-policy", "Accept: members of the group reach each other; Drop: they do not (basic groups only).",
            "Accept|Drop", required: true);
        var command = new ExampleCommand(
            "modify-policy",
            "Set whether members of a basic group reach each other.",
            "./palisade sg modify-policy --security-group-id sg-0a1b2c3d4e5f --inner-access-policy Drop")
        {
            region, id, policy,
        };
        runner.Bind<ModifySecurityGroupPolicyRequest, ApiResponse>(command, ApiActions.ModifySecurityGroupPolicy,
            parse => new() { RegionId = parse.GetValue(region), SecurityGroupId = parse.GetValue(id), InnerAccessPolicy = parse.GetValue(policy) },
            (_, console) => Tables.Line(console, "Inner access policy changed."));
        return command;
    }

    private static Command ModifyAttribute(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var name = CliOptions.Text("--security-group-name", "The new name.", "NAME");
        var description = CliOptions.Text("--description", "The new description (up to 512 characters).", "TEXT");
        var command = new ExampleCommand(
            "modify-attribute",
            "Rename a group or change its description.",
            "./palisade sg modify-attribute --security-group-id sg-0a1b2c3d4e5f --description \"bastion hosts\"")
        {
            region, id, name, description,
        };
        runner.Bind<ModifySecurityGroupAttributeRequest, ApiResponse>(command, ApiActions.ModifySecurityGroupAttribute,
            parse => new()
            {
                RegionId = parse.GetValue(region),
                SecurityGroupId = parse.GetValue(id),
                SecurityGroupName = parse.GetValue(name),
                Description = parse.GetValue(description),
            },
            (_, console) => Tables.Line(console, "Security group changed."));
        return command;
    }

    private static Command References(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var ids = CliOptions.Repeatable("--security-group-id", "The groups to look up (repeat the option for several).", "ID", required: true);
        var command = new ExampleCommand(
            "references",
            "Show which other groups' rules name these groups as source or destination.",
            "./palisade sg references --security-group-id sg-0a1b2c3d4e5f")
        {
            region, ids,
        };
        runner.Bind<DescribeSecurityGroupReferencesRequest, DescribeSecurityGroupReferencesResponse>(command, ApiActions.DescribeSecurityGroupReferences,
            parse => new() { RegionId = parse.GetValue(region), SecurityGroupId = CliOptions.ListOrNull(parse.GetValue(ids)) },
            SecurityGroupTables.References);
        return command;
    }
}
