using System.Net;
using Palisade.Contracts.Analysis;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Server.Tests;

/// <summary>The analysis actions on the tutorial: ssh from one address, not from everyone, nothing on port 80.</summary>
public sealed class InstanceAnalysisApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Theory]
    [InlineData("203.0.113.7", "22", "accept", "Rule", "1")]
    [InlineData("203.0.113.8", "22", "drop", "Rule", "2")]
    [InlineData("203.0.113.7", "80", "drop", "Default", null)]
    public async Task CheckInstanceAccess_Tutorial_AnswersVerdictAndDecidingRule(string source, string port, string verdict, string decidedBy, string? priority)
    {
        var (instance, rules) = await TutorialAsync();

        var answer = await _server.CallOkAsync<CheckInstanceAccessResponse>("CheckInstanceAccess",
            new CheckInstanceAccessRequest { InstanceId = instance, IpProtocol = "tcp", Port = port, SourceIp = source }, _server.ReadOnlyToken);

        Assert.Equal((verdict, decidedBy, "eth0"), (answer.Verdict, answer.DecidedBy, answer.DeviceName));
        Assert.Equal(priority, answer.Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (priority is not null)
        {
            Assert.Equal(rules[int.Parse(priority, System.Globalization.CultureInfo.InvariantCulture) - 1], answer.SecurityGroupRuleId);
        }

        Assert.False(string.IsNullOrWhiteSpace(answer.Explanation));
    }

    [Fact]
    public async Task CheckInstanceAccess_EgressOfBasicGroup_IsAcceptedByDefault()
    {
        var (instance, _) = await TutorialAsync();

        var answer = await _server.CallOkAsync<CheckInstanceAccessResponse>("CheckInstanceAccess",
            new CheckInstanceAccessRequest { InstanceId = instance, Direction = "egress", IpProtocol = "udp", Port = "53", DestIp = "198.51.100.53" });

        Assert.Equal(("accept", "Default"), (answer.Verdict, answer.DecidedBy));
    }

    [Fact]
    public async Task CheckInstanceAccess_MissingSourceAndBadPort_Returns400WithBoth()
    {
        var (instance, _) = await TutorialAsync();

        var result = await _server.CallAsync("CheckInstanceAccess", new CheckInstanceAccessRequest { InstanceId = instance, Port = "99999" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["Port", "SourceIp"], result.Error.Errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public async Task CheckInstanceAccess_UnknownInstance_Returns404()
    {
        var result = await _server.CallAsync("CheckInstanceAccess", new CheckInstanceAccessRequest { InstanceId = "i-nothere0000000000", Port = "22", SourceIp = "203.0.113.7" });

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.InstanceNotFound), (result.Status, result.Error.Code));
    }

    [Fact]
    public async Task DescribeEffectiveAccess_Tutorial_OnlyTheOneAddressReachesSsh()
    {
        var (instance, rules) = await TutorialAsync();

        var access = await _server.CallOkAsync<DescribeEffectiveAccessResponse>("DescribeEffectiveAccess",
            new DescribeEffectiveAccessRequest { InstanceId = instance, IpProtocol = "tcp", Port = "22" }, _server.ReadOnlyToken);

        Assert.False(access.OpenToEveryone);
        var range = Assert.Single(access.Allowed);
        Assert.Equal(["203.0.113.7/32"], range.Cidrs);
        Assert.Equal(("203.0.113.7", "203.0.113.7", "Rule", rules[0]), (range.First, range.Last, range.DecidedBy, range.SecurityGroupRuleId));
        Assert.Equal(("tcp", 22), (access.IpProtocol, access.Port));
    }

    [Fact]
    public async Task DescribeEffectiveAccess_PortWithoutRules_OnlyMembersOfTheBasicGroupReachIt()
    {
        var (instance, _) = await TutorialAsync();

        var access = await _server.CallOkAsync<DescribeEffectiveAccessResponse>("DescribeEffectiveAccess",
            new DescribeEffectiveAccessRequest { InstanceId = instance, Port = "80" });

        var range = Assert.Single(access.Allowed);
        Assert.Equal(["198.18.9.10/32"], range.Cidrs);
        Assert.Equal("IntraGroup", range.DecidedBy);
    }

    [Fact]
    public async Task DescribeInstanceRisks_SshOpenToTheWorld_IsAHighRisk()
    {
        var group = await _server.CreateGroupAsync("open");
        var rules = await _server.AuthorizeAsync(group, TestServer.Tcp(22), TestServer.Tcp(443));
        var instance = await _server.RegisterInstanceAsync("open-" + Guid.NewGuid().ToString("N")[..8], ("eth0", ["198.18.9.20/24"]));
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });

        var risks = await _server.CallOkAsync<DescribeInstanceRisksResponse>("DescribeInstanceRisks", new DescribeInstanceRisksRequest { InstanceId = instance });

        var ssh = Assert.Single(risks.Risks, r => r.Port == 22);
        Assert.Equal(("high", "tcp", "SSH"), (ssh.Severity, ssh.IpProtocol, ssh.Service));
        Assert.Equal([rules[0]], ssh.SecurityGroupRuleIds);
        Assert.DoesNotContain(risks.Risks, r => r.Port == 443);
    }

    [Fact]
    public async Task DescribeInstanceRisks_TutorialRules_ReportNoSshRisk()
    {
        var (instance, _) = await TutorialAsync();

        var risks = await _server.CallOkAsync<DescribeInstanceRisksResponse>("DescribeInstanceRisks", new DescribeInstanceRisksRequest { InstanceId = instance });

        Assert.DoesNotContain(risks.Risks, r => r.Port == 22 && r.Severity == "high");
    }

    [Fact]
    public async Task DescribeInstanceRisks_RuleBehindABroaderDrop_IsReportedShadowed()
    {
        var group = await _server.CreateGroupAsync("shadow");
        var rules = await _server.AuthorizeAsync(group, TestServer.Tcp(22, "0.0.0.0/0", "drop", 1), TestServer.Tcp(22, "203.0.113.7/32", "accept", 2));
        var instance = await _server.RegisterInstanceAsync("shadow-" + Guid.NewGuid().ToString("N")[..8], ("eth0", ["198.18.9.30/24"]));
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });

        var risks = await _server.CallOkAsync<DescribeInstanceRisksResponse>("DescribeInstanceRisks", new DescribeInstanceRisksRequest { InstanceId = instance });

        var anomaly = Assert.Single(risks.Anomalies, a => a.SecurityGroupRuleId == rules[1]);
        Assert.Equal(("Shadowed", "ingress", rules[0]), (anomaly.Type, anomaly.Direction, anomaly.OtherSecurityGroupRuleId));
        Assert.False(string.IsNullOrWhiteSpace(anomaly.Explanation));
    }

    private async Task<(string Instance, List<string> Rules)> TutorialAsync()
    {
        var group = await _server.CreateGroupAsync("tutorial");
        var rules = await _server.AuthorizeAsync(group, TestServer.Tcp(22, "203.0.113.7/32", "accept", 1), TestServer.Tcp(22, "0.0.0.0/0", "drop", 2));
        var instance = await _server.RegisterInstanceAsync("tutorial-" + Guid.NewGuid().ToString("N")[..8], ("eth0", ["198.18.9.10/24"]));
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });
        return (instance, rules);
    }
}
