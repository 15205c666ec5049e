using System.Diagnostics;

namespace Palisade.TestSupport.Network;

/// <summary>Runs a short-lived program to completion with a deadline, capturing everything it prints.</summary>
internal static class CommandRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = Describe(fileName, startInfo.ArgumentList);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start '{commandLine}'");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code and stderr say why.
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{commandLine}' did not finish within {timeout ?? DefaultTimeout}; it printed: {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }

        return new CommandResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>
    /// Synchronous form for the setup and teardown paths (constructors, Dispose), which cannot await. The work is a
    /// few milliseconds of a child process; blocking is cheaper than making every caller async.
    /// </summary>
    public static CommandResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null) =>
        Task.Run(() => RunAsync(fileName, arguments, standardInput, timeout)).GetAwaiter().GetResult();

    public static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));
}
