using System.Net;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.Tests;

/// <summary>Small policies for an instance whose one NIC is the lab host's eth0.</summary>
internal static class TestPolicies
{
    public const string InstanceId = "i-agenttest";

    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static SecurityGroupRule Ingress(string id, RulePolicy policy, IpProtocol protocol, int port, IPAddress peer, int priority = 1) => new()
    {
        SecurityGroupRuleId = id,
        SecurityGroupId = "sg-agenttest",
        Direction = Direction.Ingress,
        Policy = policy,
        Priority = priority,
        IpProtocol = protocol,
        PortRange = PortRange.Single(port),
        Peer = RulePeer.ForCidr(Cidr.Host(peer)),
        CreationTime = Epoch.AddSeconds(priority),
    };

    /// <summary>A basic group holding <paramref name="rules"/>, attached to eth0 (address <paramref name="address"/>).</summary>
    public static InstancePolicy Instance(IPAddress address, long revision, params SecurityGroupRule[] rules) => new()
    {
        InstanceId = InstanceId,
        InstanceName = "agent-test",
        Revision = revision,
        Nics = [new NicPolicy { NetworkInterfaceId = "eni-agenttest", DeviceName = "eth0", Addresses = [Cidr.Host(address)], SecurityGroupIds = ["sg-agenttest"] }],
        SecurityGroups = [new SecurityGroup { SecurityGroupId = "sg-agenttest", SecurityGroupName = "agent-test", Rules = [.. rules] }],
    };

    public static DesiredState Desired(InstancePolicy policy) =>
        new(policy.InstanceId, policy.Revision, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(policy.Revision))), policy);
}
