using Palisade.Core;

namespace Palisade.Agent.Tests;

public sealed class AgentOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_HaveNoErrors()
    {
        var errors = AgentOptionsValidator.Validate(new AgentOptions { Server = new Uri("http://198.18.0.1:8080"), Token = "pal_x", InstanceName = "web-1" });

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEachWithItsName()
    {
        var options = new AgentOptions
        {
            Server = new Uri("ftp://198.18.0.1/"),
            Token = " ",
            InstanceName = "bad name!",
            StateDirectory = "",
            ManagementPorts = [0, 70000],
            NftPath = "",
            CommandPrefix = ["ip", ""],
            PollWait = TimeSpan.FromSeconds(90),
            ReportInterval = TimeSpan.Zero,
            TableName = "1table",
        };

        var errors = AgentOptionsValidator.Validate(options);

        Assert.Equal(
            ["server", "token", "instance-name", "state-dir", "management-port", "management-port", "nft-path", "command-prefix", "poll-wait", "report-interval", "table-name"],
            errors.Select(e => e.Field).ToArray());
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ParameterMalformed, e.Code));
        Assert.Contains("70000", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("1 to 65535", errors[5].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokenError_DoesNotEchoTheToken()
    {
        var errors = AgentOptionsValidator.Validate(new AgentOptions { Server = new Uri("http://h/"), Token = "secret with space", InstanceName = "a" });

        var error = Assert.Single(errors);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_PrintsErrorsAndReturnsUsage()
    {
        var output = new StringWriter();

        var code = await AgentHost.RunAsync(
            new AgentOptions { Server = new Uri("http://198.18.0.1/"), Token = "t", InstanceName = "x", PollWait = TimeSpan.Zero, ErrorOutput = output },
            CancellationToken.None);

        Assert.Equal(AgentHost.ExitUsage, code);
        Assert.StartsWith("palisade agent: --poll-wait '0 s' is not accepted", output.ToString(), StringComparison.Ordinal);
    }
}
