using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Evaluation;

public sealed class DecisionTests
{
    private const byte Tcp = IpProtocols.TcpNumber;

    private static readonly InstancePolicy Tutorial = Instance(Group("sg-web",
        Accept("sgr-allow-ssh", IpProtocol.Tcp, "22/22", "203.0.113.7/32", priority: 1),
        Drop("sgr-deny-ssh", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 2)));

    [Fact]
    public void Explain_RuleDecided_NamesVerdictRulePriorityGroupAndNic()
    {
        var text = Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22)).Explain();

        Assert.Equal(
            "Dropped on eth0 (inbound) by rule sgr-deny-ssh (priority 2, drop) of security group sg-web: the first matching rule in evaluation order.",
            text);
    }

    [Fact]
    public void Explain_InboundDefault_SaysNoRuleAllowsIt()
    {
        var text = Evaluate(Tutorial, In(Tcp, "203.0.113.7", 80)).Explain();

        Assert.Equal("Dropped on eth0 by the default: no rule allows this inbound traffic, and security groups deny inbound traffic by default.", text);
    }

    [Theory]
    [InlineData(SecurityGroupType.Normal, "Accepted on eth0 by the default: no rule drops this outbound traffic, and basic security groups allow outbound traffic by default.")]
    [InlineData(SecurityGroupType.Enterprise, "Dropped on eth0 by the default: no rule allows this outbound traffic, and an enterprise security group denies outbound traffic by default.")]
    public void Explain_OutboundDefault_NamesTheGroupTypeRule(SecurityGroupType type, string expected)
    {
        Assert.Equal(expected, Evaluate(Instance(Group("sg-a", type)), Out(Tcp, "192.0.2.1", 443)).Explain());
    }

    [Fact]
    public void Explain_IntraGroup_NamesTheMemberBlockAndGroup()
    {
        var policy = Instance(Group("sg-app")).WithMembers("sg-app", "10.0.0.11/32");

        Assert.Equal(
            "Accepted on eth0 (inbound): the source 10.0.0.11/32 is a member of basic security group sg-app, whose members may reach each other.",
            Evaluate(policy, In(Tcp, "10.0.0.11", 5432)).Explain());
    }

    [Fact]
    public void Explain_Management_NamesPortAndSourceBlock()
    {
        var allowance = new ManagementAllowance { Sources = [Cidr.Parse("198.51.100.0/24")] };

        Assert.Equal(
            "Accepted on eth0 by the management allowance: tcp/22 from 198.51.100.0/24 is always allowed so that no rule can lock the operator out.",
            Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22), allowance).Explain());
    }

    [Fact]
    public void Explain_UnmanagedDevice_NamesTheDevice()
    {
        Assert.Equal(
            "Accepted: interface 'docker0' is not a NIC of the instance, so no security group applies to it.",
            Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22, device: "docker0")).Explain());
    }

    [Theory]
    [InlineData(ConnectionState.Established, "Accepted on eth0: the packet belongs to a connection that was already allowed (stateful).")]
    [InlineData(ConnectionState.Invalid, "Dropped on eth0: the inbound packet belongs to no known connection and cannot start one (invalid state).")]
    public void Explain_ConnectionState_SaysWhyStateDecided(ConnectionState state, string expected)
    {
        Assert.Equal(expected, Evaluate(Tutorial, In(Tcp, "203.0.113.7", 22) with { State = state }).Explain());
    }
}
