using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Analysis;
using Palisade.Contracts.Common;

namespace Palisade.Cli.Commands;

/// <summary>`palisade sg check|access|risks`: questions about one instance, answered from its effective (pooled) rules.</summary>
internal static class AccessCommands
{
    public static IEnumerable<Command> Create(ApiCommandRunner runner) => [Check(runner), Access(runner), Risks(runner)];

    private static Command Check(ApiCommandRunner runner)
    {
        var instance = CliOptions.InstanceId();
        var protocol = Protocol();
        var port = CliOptions.Text("--port", "The destination port (tcp, udp).", "PORT");
        var source = CliOptions.Text("--source", "The source address: the remote end of an ingress check, optionally the local one of an egress check.", "IP");
        var destination = CliOptions.Text("--destination", "The destination address: the remote end of an egress check, optionally the local one of an ingress check.", "IP");
        var direction = CliOptions.Text("--direction", "ingress (default): a connection arriving at the instance; egress: one leaving it.", "ingress|egress");
        var sourcePort = CliOptions.Text("--source-port", "The source port (tcp, udp).", "PORT");
        var nic = CliOptions.NetworkInterfaceId("The NIC to check (default: the primary NIC).");
        var command = new ExampleCommand(
            "check",
            "Would a new connection get through? Prints accept or drop and the rule (or default) that decides.",
            "./palisade sg check --instance-id i-0a1b2c3d4e5f --protocol tcp --port 22 --source 203.0.113.7")
        {
            instance, protocol, port, source, destination, direction, sourcePort, nic,
        };
        runner.Bind<CheckInstanceAccessRequest, CheckInstanceAccessResponse>(command, ApiActions.CheckInstanceAccess, parse => new()
        {
            InstanceId = parse.GetValue(instance),
            NetworkInterfaceId = parse.GetValue(nic),
            Direction = parse.GetValue(direction),
            IpProtocol = parse.GetValue(protocol),
            Port = parse.GetValue(port),
            SourcePort = parse.GetValue(sourcePort),
            SourceIp = parse.GetValue(source),
            DestIp = parse.GetValue(destination),
        }, AccessTables.Verdict);
        return command;
    }

    private static Command Access(ApiCommandRunner runner)
    {
        var instance = CliOptions.InstanceId();
        var protocol = Protocol();
        var port = CliOptions.Text("--port", "The destination port (tcp, udp).", "PORT");
        var nic = CliOptions.NetworkInterfaceId("The NIC to look at (default: the primary NIC).");
        var command = new ExampleCommand(
            "access",
            "Who can reach this port? The source address ranges whose new connections are accepted, with the rule that accepts each.",
            "./palisade sg access --instance-id i-0a1b2c3d4e5f --protocol tcp --port 22")
        {
            instance, protocol, port, nic,
        };
        runner.Bind<DescribeEffectiveAccessRequest, DescribeEffectiveAccessResponse>(command, ApiActions.DescribeEffectiveAccess, parse => new()
        {
            InstanceId = parse.GetValue(instance),
            NetworkInterfaceId = parse.GetValue(nic),
            IpProtocol = parse.GetValue(protocol),
            Port = parse.GetValue(port),
        }, AccessTables.EffectiveAccess);
        return command;
    }

    private static Command Risks(ApiCommandRunner runner)
    {
        var instance = CliOptions.InstanceId();
        var command = new ExampleCommand(
            "risks",
            "High-risk ports (SSH, RDP, databases …) reachable from the whole internet after pooling every group's rules, and rule anomalies (shadowed, redundant, correlated, generalization).",
            "./palisade sg risks --instance-id i-0a1b2c3d4e5f")
        {
            instance,
        };
        runner.Bind<DescribeInstanceRisksRequest, DescribeInstanceRisksResponse>(command, ApiActions.DescribeInstanceRisks,
            parse => new() { InstanceId = parse.GetValue(instance) }, AccessTables.Risks);
        return command;
    }

    /// <summary>--protocol, with --ip-protocol as an alias so the API field's name works too.</summary>
    private static Option<string> Protocol() =>
        new("--protocol", "--ip-protocol") { Description = "tcp, udp, icmp, icmpv6, gre or all.", HelpName = "PROTOCOL" };
}
