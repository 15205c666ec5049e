using System.Text.Json;

namespace Palisade.Cli.Tests;

public sealed class TokenTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task TokenCreate_OfflineWithData_WritesATokenTheRunningServerAccepts()
    {
        var run = await CliRun.RunAsync("token", "create", "--role", "operator", "--description", "made offline", "--data", server.DataDirectory, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var created = JsonDocument.Parse(run.Stdout);
        var secret = created.RootElement.GetProperty("Token").GetString()!;
        var tokenId = created.RootElement.GetProperty("TokenId").GetString()!;
        Assert.Equal("operator", created.RootElement.GetProperty("Role").GetString());

        var withNewToken = await CliRun.RunAsync("sg", "create", "--security-group-name", "by-offline-token", "--server", server.Url, "--token", secret);
        Assert.True(withNewToken.ExitCode == 0, withNewToken.ToString());
        Assert.Contains(tokenId, await server.RunOkAsync("token", "list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_OfflineTable_PrintsTheSecretOnItsOwnLine()
    {
        var run = await CliRun.RunAsync("token", "create", "--role", "read-only", "--data", server.DataDirectory);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("shown only this once", lines[0], StringComparison.Ordinal);
        var list = await server.RunAsync("sg", "list", "--token", lines[1]);
        Assert.Equal(0, list.ExitCode);
    }

    [Fact]
    public async Task TokenCreate_OfflineWithoutDatabase_ExitsOneNamingTheDirectory()
    {
        var empty = Path.Combine(Path.GetTempPath(), "palisade-cli-tests", "empty-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.RunAsync("token", "create", "--role", "admin", "--data", empty);

        Assert.Equal(ExitCodes.ApiRefused, run.ExitCode);
        Assert.Contains(empty, run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public async Task TokenCreate_OfflineUnknownRole_ExitsOneWithTheValidationCode()
    {
        var run = await CliRun.RunAsync("token", "create", "--role", "superuser", "--data", server.DataDirectory);

        Assert.Equal(ExitCodes.ApiRefused, run.ExitCode);
        Assert.StartsWith("Error: Invalid", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("superuser", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreateListDelete_ThroughTheApi_DeletedTokenIsRefused()
    {
        var created = await server.RunJsonAsync("token", "create", "--role", "read-only", "--description", "short-lived");
        var tokenId = created.GetProperty("TokenId").GetString()!;
        var secret = created.GetProperty("Token").GetString()!;
        Assert.Equal(0, (await server.RunAsync("sg", "list", "--token", secret)).ExitCode);

        var list = await server.RunJsonAsync("token", "list");
        var listed = Assert.Single(list.GetProperty("Tokens").EnumerateArray(), t => t.GetProperty("TokenId").GetString() == tokenId);
        Assert.Equal("short-lived", listed.GetProperty("Description").GetString());
        Assert.DoesNotContain(secret, list.ToString(), StringComparison.Ordinal);

        await server.RunOkAsync("token", "delete", "--token-id", tokenId);
        var refused = await server.RunAsync("sg", "list", "--token", secret);
        Assert.Equal(ExitCodes.Unreachable, refused.ExitCode);
    }
}
