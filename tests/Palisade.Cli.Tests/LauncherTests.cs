using System.Diagnostics;
using System.Reflection;

namespace Palisade.Cli.Tests;

/// <summary>The real ./palisade script: builds the CLI when needed, then runs it from any directory.</summary>
public sealed class LauncherTests
{
    // A first run builds src/Palisade.Cli in Release; on two shared cores that can take a few minutes.
    private static readonly TimeSpan BuildAllowance = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Launcher_Help_BuildsIfNeededAndPrintsTheRootHelp()
    {
        var launcher = Path.Combine(RepositoryRoot(), "palisade");
        Assert.True(File.Exists(launcher), $"{launcher} is missing");

        var help = await RunAsync(launcher, ["--help"], Path.GetTempPath(), BuildAllowance);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage:", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", help.Stdout, StringComparison.Ordinal);

        // Second run: up to date, and the CLI's exit code comes through the launcher unchanged.
        var usage = await RunAsync(launcher, ["sg", "describe"], "/", BuildAllowance);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
        Assert.Contains("--security-group-id", usage.Stderr, StringComparison.Ordinal);
    }

    private static async Task<CliRun> RunAsync(string launcher, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(launcher)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PALISADE_SERVER");
        start.Environment.Remove("PALISADE_TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"./palisade {string.Join(' ', args)} did not finish within {timeout}: {await stderr}");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot() =>
        typeof(LauncherTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
