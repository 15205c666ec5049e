using System.CommandLine;
using Palisade.Contracts.SecurityGroups;

namespace Palisade.Cli.Commands;

/// <summary>
/// The fields of a rule as options named after the API fields in kebab case (--ip-protocol for IpProtocol …), shared
/// by authorize, revoke and modify-rule in both directions.
/// </summary>
internal sealed class RuleOptions
{
    public Option<string> Policy { get; } = CliOptions.Text("--policy", "accept (default) or drop; drop is silent.", "accept|drop");

    public Option<string> Priority { get; } = CliOptions.Text("--priority", "1-100, smaller is evaluated first; at equal priority drop wins (default 1).", "1-100");

    public Option<string> IpProtocol { get; } = CliOptions.Text("--ip-protocol", "tcp, udp, icmp, icmpv6, gre or all.", "PROTOCOL");

    public Option<string> PortRange { get; } = CliOptions.Text("--port-range",
        "Destination ports as start/end: 22/22, 8000/8100, 1/65535; -1/-1 for icmp, icmpv6, gre and all.", "START/END");

    public Option<string> SourcePortRange { get; } = CliOptions.Text("--source-port-range", "Source ports as start/end (any when left out).", "START/END");

    public Option<string> SourceCidrIp { get; } = CliOptions.Text("--source-cidr-ip", "IPv4 source: an address or block, e.g. 203.0.113.7 or 0.0.0.0/0.", "CIDR");

    public Option<string> Ipv6SourceCidrIp { get; } = CliOptions.Text("--ipv6-source-cidr-ip", "IPv6 source, e.g. 2001:db8::/32 or ::/0.", "CIDR");

    public Option<string> SourceGroupId { get; } = CliOptions.Text("--source-group-id", "Source: the instances in this security group.", "ID");

    public Option<string> SourcePrefixListId { get; } = CliOptions.Text("--source-prefix-list-id", "Source: the blocks of this prefix list.", "ID");

    public Option<string> DestCidrIp { get; } = CliOptions.Text("--dest-cidr-ip",
        "IPv4 destination: the remote block of an egress rule, or narrows an ingress rule to a local address.", "CIDR");

    public Option<string> Ipv6DestCidrIp { get; } = CliOptions.Text("--ipv6-dest-cidr-ip", "IPv6 destination, as --dest-cidr-ip.", "CIDR");

    public Option<string> DestGroupId { get; } = CliOptions.Text("--dest-group-id", "Destination of an egress rule: the instances in this security group.", "ID");

    public Option<string> DestPrefixListId { get; } = CliOptions.Text("--dest-prefix-list-id", "Destination of an egress rule: the blocks of this prefix list.", "ID");

    public Option<string> NicType { get; } = CliOptions.Text("--nic-type", "The NICs the rule applies to: internet or intranet (`palisade instance modify-nic` sets a NIC's type).", "TYPE");

    public Option<string> Description { get; } = CliOptions.Text("--description", "What the rule is for (up to 512 characters).", "TEXT");

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Add(option);
        }
    }

    /// <summary>Copies the given options into a request; options not given stay null and are left out of the JSON.</summary>
    public T Fill<T>(ParseResult parse, T rule)
        where T : PermissionInput
    {
        rule.Policy = parse.GetValue(Policy);
        rule.Priority = parse.GetValue(Priority);
        rule.IpProtocol = parse.GetValue(IpProtocol);
        rule.PortRange = parse.GetValue(PortRange);
        rule.SourcePortRange = parse.GetValue(SourcePortRange);
        rule.SourceCidrIp = parse.GetValue(SourceCidrIp);
        rule.Ipv6SourceCidrIp = parse.GetValue(Ipv6SourceCidrIp);
        rule.SourceGroupId = parse.GetValue(SourceGroupId);
        rule.SourcePrefixListId = parse.GetValue(SourcePrefixListId);
        rule.DestCidrIp = parse.GetValue(DestCidrIp);
        rule.Ipv6DestCidrIp = parse.GetValue(Ipv6DestCidrIp);
        rule.DestGroupId = parse.GetValue(DestGroupId);
        rule.DestPrefixListId = parse.GetValue(DestPrefixListId);
        rule.NicType = parse.GetValue(NicType);
        rule.Description = parse.GetValue(Description);
        return rule;
    }

    private IEnumerable<Option> All =>
    [
        Policy, Priority, IpProtocol, PortRange, SourcePortRange, SourceCidrIp, Ipv6SourceCidrIp, SourceGroupId, SourcePrefixListId,
        DestCidrIp, Ipv6DestCidrIp, DestGroupId, DestPrefixListId, NicType, Description,
    ];
}
