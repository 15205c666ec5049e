using System.Net;
using System.Net.Sockets;

namespace Palisade.Cli.Tests;

/// <summary>Every failure ends with one "Error:" on stderr, nothing on stdout, and the documented exit code.</summary>
public sealed class ErrorTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Authorize_BadPriority_ExitsOneWithTheApiErrorCodeOnStderr()
    {
        var groupId = (await server.RunJsonAsync("sg", "create", "--security-group-name", "errors")).GetProperty("SecurityGroupId").GetString()!;

        var run = await server.RunAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "22/22",
            "--source-cidr-ip", "0.0.0.0/0", "--priority", "high");

        Assert.Equal(ExitCodes.ApiRefused, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("Error: InvalidPriority.Malformed: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  Priority: InvalidPriority.Malformed: ", run.Stderr, StringComparison.Ordinal);
        var rules = await server.RunJsonAsync("sg", "describe", "--security-group-id", groupId);
        Assert.Empty(rules.GetProperty("Permissions").EnumerateArray());
    }

    [Fact]
    public async Task Authorize_SeveralBadFields_PrintsOneLinePerFieldError()
    {
        var groupId = (await server.RunJsonAsync("sg", "create", "--security-group-name", "errors-2")).GetProperty("SecurityGroupId").GetString()!;

        var run = await server.RunAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "200/1",
            "--source-cidr-ip", "300.1.2.3/8", "--priority", "0", "--output", "json");

        Assert.Equal(ExitCodes.ApiRefused, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var fieldLines = run.Stderr.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Contains(fieldLines, l => l.Contains("InvalidPriority.Malformed", StringComparison.Ordinal));
        Assert.Contains(fieldLines, l => l.Contains("InvalidSourceCidrIp.Malformed", StringComparison.Ordinal));
        Assert.True(fieldLines.Count >= 3, run.ToString());
    }

    [Theory]
    [InlineData("sg", "describe")]
    [InlineData("sg", "authorize", "--ip-protocol", "tcp")]
    [InlineData("sg", "check", "--protocol", "tcp")]
    [InlineData("token", "create")]
    [InlineData("instance", "modify-nic", "--nic-type", "internet")]
    public async Task Command_MissingRequiredOption_ExitsTwoWithoutCallingTheServer(params string[] args)
    {
        var run = await server.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("is required", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Run 'palisade {args[0]} {args[1]} --help' for usage.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sg")]
    [InlineData("sg", "frobnicate")]
    [InlineData("sg", "list", "--no-such-option")]
    [InlineData("sg", "list", "--output", "yaml")]
    [InlineData("sg", "list", "--output")]
    [InlineData("agent", "--management-port", "ssh")]
    public async Task Command_BadUsage_ExitsTwo(params string[] args)
    {
        var run = await server.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("Error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent needs a token", "agent", "--server", "http://127.0.0.1:1")]
    [InlineData("--instance-name", "agent", "--server", "http://127.0.0.1:1", "--token", "pal_x", "--instance-name", "bad name!")]
    [InlineData("--management-cidr", "agent", "--server", "http://127.0.0.1:1", "--token", "pal_x", "--management-cidr", "nonsense")]
    [InlineData("--management-port", "agent", "--server", "http://127.0.0.1:1", "--token", "pal_x", "--management-port", "70000")]
    [InlineData("--server", "agent", "--server", "ftp://127.0.0.1/", "--token", "pal_x")]
    public async Task Agent_InvalidOptions_ExitsTwoBeforeStarting(string named, params string[] args)
    {
        // CliRun directly, not the fixture: with valid options the agent would really start and change nftables.
        var run = await CliRun.RunAsync([.. args, "--state-dir", Path.Combine(Path.GetTempPath(), "palisade-cli-tests", "agent-state")]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("Error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyApiCommand_NothingListening_ExitsThreeSayingTheServerCannotBeReached()
    {
        var closedPort = ClosedLoopbackPort();

        var run = await CliRun.RunAsync("sg", "list", "--server", $"http://127.0.0.1:{closedPort}", "--token", server.AdminToken);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"Error: cannot reach the server at http://127.0.0.1:{closedPort}/", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyApiCommand_WrongToken_ExitsThreeSayingAuthenticationFailed()
    {
        var run = await server.RunAsync("sg", "list", "--token", "pal_not_a_real_token");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("Error: authentication failed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Unauthenticated", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("The token was refused", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyApiCommand_NoToken_ExitsThreeAndSaysHowToGiveOne()
    {
        var run = await CliRun.RunAsync("sg", "list", "--server", server.Url);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("No token was given: pass --token or set PALISADE_TOKEN", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyToken_WriteCommand_ExitsOneWithForbidden()
    {
        var readOnly = (await server.RunJsonAsync("token", "create", "--role", "read-only")).GetProperty("Token").GetString()!;

        var run = await server.RunAsync("sg", "create", "--security-group-name", "nope", "--token", readOnly);

        Assert.Equal(ExitCodes.ApiRefused, run.ExitCode);
        Assert.StartsWith("Error: Forbidden.NotAuthorized: ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("not a url")]
    public async Task AnyApiCommand_ServerNotAnHttpUrl_ExitsTwo(string url)
    {
        var run = await CliRun.RunAsync("sg", "list", "--server", url, "--token", server.AdminToken);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not an http:// or https:// URL", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyApiCommand_TokenWithCharactersNoTokenHas_ExitsTwo()
    {
        var run = await server.RunAsync("sg", "list", "--token", "pal_ünïcode");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--token contains a character a token never has", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyApiCommand_ServerThatIsNotPalisade_ExitsThree()
    {
        // The real server, but under a path where no API lives: the answer is not a Palisade API error.
        var run = await CliRun.RunAsync("sg", "list", "--server", server.Url + "/console/", "--token", server.AdminToken);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("is it a Palisade server?", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_NoOptions_GiveServerAndToken()
    {
        var environment = new Dictionary<string, string> { ["PALISADE_SERVER"] = server.Url, ["PALISADE_TOKEN"] = server.AdminToken };

        var run = await CliRun.RunAsync(environment, "sg", "list", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"SecurityGroups\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_GivenAlongsideEnvironment_WinOverIt()
    {
        var environment = new Dictionary<string, string> { ["PALISADE_SERVER"] = "http://127.0.0.1:1", ["PALISADE_TOKEN"] = "pal_wrong" };

        var run = await CliRun.RunAsync(environment, "sg", "list", "--server", server.Url, "--token", server.AdminToken);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task InstanceDescribe_UnknownInstance_ExitsOneWithNotFoundInEitherOutput()
    {
        var table = await server.RunAsync("instance", "describe", "--instance-id", "i-doesnotexist");
        var json = await server.RunAsync("instance", "describe", "--instance-id", "i-doesnotexist", "--output", "json");

        Assert.Equal(ExitCodes.ApiRefused, table.ExitCode);
        Assert.Equal(ExitCodes.ApiRefused, json.ExitCode);
        Assert.StartsWith("Error: InvalidInstanceId.NotFound: ", table.Stderr, StringComparison.Ordinal);
        Assert.Equal("", json.Stdout);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
