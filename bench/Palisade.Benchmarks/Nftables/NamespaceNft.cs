using System.Diagnostics;
using Palisade.TestSupport.Network;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// Runs nft inside a lab host's network namespace, as the agent runs it on an instance: the script on standard
/// input, one process per call, and times it.
/// </summary>
/// <remarks>
/// The process is started from a thread that has entered the namespace (a child inherits its parent thread's
/// namespaces), not through <c>ip netns exec</c>, whose own start-up and mount work would be timed with it.
/// </remarks>
internal static class NamespaceNft
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Program { get; } = FindNft();

    public static NftRun Run(LabHost host, string? standardInput, params string[] arguments) =>
        host.InNamespace(() => RunHere(standardInput, arguments));

    /// <summary>Runs and throws with nft's message when it fails: a benchmark must not time a rejected script.</summary>
    public static NftRun RunChecked(LabHost host, string? standardInput, params string[] arguments)
    {
        var run = Run(host, standardInput, arguments);
        return run.Succeeded
            ? run
            : throw new InvalidOperationException($"nft {string.Join(' ', arguments)} failed in {host.Name} (exit {run.ExitCode}): {run.StandardError.Trim()}");
    }

    private static NftRun RunHere(string? standardInput, string[] arguments)
    {
        // Belt and braces: this thread must be in another namespace than the process's main thread, so that nothing
        // started here can ever reach the machine's own ruleset.
        if (new FileInfo("/proc/thread-self/ns/net").LinkTarget == new FileInfo("/proc/self/ns/net").LinkTarget)
        {
            throw new InvalidOperationException("refusing to run nft: this thread is in the machine's own network namespace");
        }

        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        var cpuBefore = ChildCpuClock.Now();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // nft exited without reading everything; its exit code and message say why.
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"nft {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }

        var wall = clock.Elapsed;
        return new NftRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult(), wall, ChildCpuClock.Now() - cpuBefore);
    }

    private static string FindNft() =>
        new[] { "/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft" }.FirstOrDefault(File.Exists) ?? "nft";
}
