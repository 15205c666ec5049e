using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Cli.Commands;

/// <summary>`palisade instance …`: the servers whose agents registered, their NICs and their groups.</summary>
internal static class InstanceCommands
{
    public static Command Create(ApiCommandRunner runner) =>
        new("instance", "Instances: servers whose agent registered with this control plane, with their NICs and security groups.")
        {
            List(runner),
            Describe(runner),
            Membership(runner, "join-sg", ApiActions.JoinSecurityGroup,
                "Put an instance (every NIC) or one NIC into a security group.",
                "./palisade instance join-sg --instance-id i-0a1b2c3d4e5f --security-group-id sg-0a1b2c3d4e5f",
                "Joined."),
            Membership(runner, "leave-sg", ApiActions.LeaveSecurityGroup,
                "Take an instance or one NIC out of a security group; a NIC's last group cannot be left.",
                "./palisade instance leave-sg --instance-id i-0a1b2c3d4e5f --security-group-id sg-0a1b2c3d4e5f",
                "Left."),
            Delete(runner),
            ModifyNic(runner),
        };

    private static Command List(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var ids = CliOptions.Repeatable("--instance-id", "Only these instances (repeat the option for several).", "ID");
        var name = CliOptions.Text("--instance-name", "Only the instance with this name.", "NAME");
        var group = CliOptions.SecurityGroupId(required: false);
        group.Description = "Only instances in this security group.";
        var command = new ExampleCommand(
            "list",
            "List instances with their status and the configuration revision applied vs desired.",
            "./palisade instance list")
        {
            region, ids, name, group,
        };
        runner.Bind<DescribeInstancesRequest, DescribeInstancesResponse>(command, ApiActions.DescribeInstances, parse => new()
        {
            RegionId = parse.GetValue(region),
            InstanceIds = CliOptions.ListOrNull(parse.GetValue(ids)),
            InstanceName = parse.GetValue(name),
            SecurityGroupId = parse.GetValue(group),
        }, InstanceTables.List);
        return command;
    }

    private static Command Describe(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.InstanceId();
        var command = new ExampleCommand(
            "describe",
            "Show one instance with its NICs, addresses and groups.",
            "./palisade instance describe --instance-id i-0a1b2c3d4e5f")
        {
            region, id,
        };
        runner.Bind<DescribeInstancesRequest, DescribeInstancesResponse>(command, ApiActions.DescribeInstances,
            parse => new() { RegionId = parse.GetValue(region), InstanceIds = [parse.GetValue(id) ?? ""] },
            (response, console) => InstanceTables.Describe(response.Instances[0], console),
            (parse, response) =>
            {
                if (response.Instances.Count == 0)
                {
                    throw new CliException(ExitCodes.ApiRefused,
                        $"{ErrorCodes.InstanceNotFound}: there is no instance '{parse.GetValue(id)}': `palisade instance list` shows the instances.");
                }
            });
        return command;
    }

    private static Command Membership(ApiCommandRunner runner, string name, string action, string description, string example, string done)
    {
        var region = CliOptions.RegionId();
        var instance = CliOptions.InstanceId(required: false);
        instance.Description = "The instance (every NIC of it); or give --network-interface-id.";
        var group = CliOptions.SecurityGroupId();
        var nic = CliOptions.NetworkInterfaceId("One NIC only, e.g. eni-0a1b2c3d4e5f.");
        var command = new ExampleCommand(name, description, example) { region, instance, group, nic };
        runner.Bind<JoinSecurityGroupRequest, ApiResponse>(command, action, parse => new()
        {
            RegionId = parse.GetValue(region),
            InstanceId = parse.GetValue(instance),
            SecurityGroupId = parse.GetValue(group),
            NetworkInterfaceId = parse.GetValue(nic),
        }, (_, console) => Tables.Line(console, done));
        return command;
    }

    private static Command Delete(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.InstanceId();
        var command = new ExampleCommand(
            "delete",
            "Forget an instance, e.g. a decommissioned server (a running agent would register it again).",
            "./palisade instance delete --instance-id i-0a1b2c3d4e5f")
        {
            region, id,
        };
        runner.Bind<DeleteInstanceRequest, ApiResponse>(command, ApiActions.DeleteInstance,
            parse => new() { RegionId = parse.GetValue(region), InstanceId = parse.GetValue(id) },
            (_, console) => Tables.Line(console, "Deleted."));
        return command;
    }

    private static Command ModifyNic(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var nic = CliOptions.Text("--network-interface-id", "The NIC, e.g. eni-0a1b2c3d4e5f (see `palisade instance describe`).", "ID", required: true);
        var nicType = CliOptions.Text("--nic-type", "internet or intranet: rules with the same --nic-type apply to it.", "TYPE", required: true);
        var command = new ExampleCommand(
            "modify-nic",
            "Change a NIC's type, which decides which rules apply to it.",
            "./palisade instance modify-nic --network-interface-id eni-0a1b2c3d4e5f --nic-type intranet")
        {
            region, nic, nicType,
        };
        runner.Bind<ModifyNetworkInterfaceAttributeRequest, ApiResponse>(command, ApiActions.ModifyNetworkInterfaceAttribute,
            parse => new() { RegionId = parse.GetValue(region), NetworkInterfaceId = parse.GetValue(nic), NicType = parse.GetValue(nicType) },
            (_, console) => Tables.Line(console, "NIC changed."));
        return command;
    }
}
