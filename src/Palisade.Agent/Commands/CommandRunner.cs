using System.ComponentModel;
using System.Diagnostics;

namespace Palisade.Agent.Commands;

/// <summary>
/// Runs the system programs the agent needs (ip, nft), each with an optional prefix such as
/// <c>ip netns exec ns1</c>, feeding standard input and collecting both outputs. Never throws for a failing
/// program: the caller decides what a non-zero exit means.
/// </summary>
internal sealed class CommandRunner(IReadOnlyList<string>? prefix, TimeProvider time)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<string> _prefix = prefix ?? [];

    public async Task<CommandResult> RunAsync(
        string program, IReadOnlyList<string> arguments, string? standardInput = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var words = _prefix.Concat([program]).Concat(arguments).ToList();
        var start = new ProcessStartInfo(words[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        // nft and ip print messages in the C locale; the agent logs and reports them as they are.
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new CommandResult(-1, "", $"cannot start '{words[0]}': {ex.Message}");
        }

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(linked.Token);
        var error = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), linked.Token).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            return new CommandResult(-1, "", $"'{string.Join(' ', words)}' did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s and was stopped.");
        }
        catch (IOException ex)
        {
            // The program closed its input early (it failed before reading it): its exit code and stderr say why.
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var stderr = await error.ConfigureAwait(false);
            return new CommandResult(process.ExitCode == 0 ? -1 : process.ExitCode, await output.ConfigureAwait(false), stderr.Length > 0 ? stderr : ex.Message);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself in the meantime.
        }
    }
}
