using System.Diagnostics;
using System.Text;

namespace Palisade.TestSupport.Network;

/// <summary>
/// A long-running program inside a lab namespace (a server, hping3, an agent). Output is kept in memory, so a failed
/// test can print what the program said; disposing kills exactly this process tree, found from our own child's pid,
/// never by name.
/// </summary>
public sealed class LabProcess : IAsyncDisposable, IDisposable
{
    // Enough for diagnostics; a chatty program must not eat the test host's memory.
    private const int MaxBufferedChars = 1 << 20;
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly StringBuilder _output = new();
    private readonly object _lock = new();
    private int _disposed;
    private int? _exitCodeAfterDispose;

    private LabProcess(LabHost host, Process process, string commandLine)
    {
        Host = host;
        _process = process;
        CommandLine = commandLine;
    }

    public LabHost Host { get; }

    /// <summary>The pid. <c>ip netns exec</c> execs the program in place, so this is the program itself.</summary>
    public int Id { get; private set; }

    public string CommandLine { get; }

    /// <summary>True once the program ended (always true after Dispose).</summary>
    public bool HasExited => _disposed != 0 || _process.HasExited;

    /// <summary>The exit code, or null while it runs (-1 if Dispose could not learn it).</summary>
    public int? ExitCode => _disposed != 0 ? _exitCodeAfterDispose ?? -1 : _process.HasExited ? _process.ExitCode : null;

    public string StandardOutput => Snapshot(_standardOutput);

    public string StandardError => Snapshot(_standardError);

    /// <summary>Both streams interleaved in arrival order, stderr lines marked with "! ".</summary>
    public string Output => Snapshot(_output);

    /// <summary>Waits until the output (either stream) contains <paramref name="text"/>; throws with the output if not.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                // One last look: the exit may have raced with the final line.
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"still running after {timeout}";
                throw new TimeoutException($"'{CommandLine}' in {Host.Name} {state} without printing '{text}'. Output:\n{Output}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the program to exit by itself and returns its exit code; throws TimeoutException if it does not.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{CommandLine}' in {Host.Name} still running after {timeout}. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process tree (SIGKILL) if it still runs, and waits for it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                var descendants = ProcessTree.Descendants(Id);
                // .NET walks /proc for the descendants of this pid: the tree we started, nothing found by name.
                _process.Kill(entireProcessTree: true);
                // SIGKILL is asynchronous; return only once the whole tree is gone, so a test can rely on it.
                ProcessTree.WaitUntilGone(descendants, KillWait);
            }

            if (_process.WaitForExit(KillWait))
            {
                _exitCodeAfterDispose = _process.ExitCode;
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
            Host.Lab.Disown(this);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{CommandLine} (pid {Id} in {Host.Name})";

    internal static LabProcess Start(LabHost host, string fileName, IReadOnlyList<string> arguments)
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

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var handle = new LabProcess(host, process, CommandRunner.Describe(fileName, arguments));
        process.OutputDataReceived += (_, e) => handle.Append(e.Data, handle._standardOutput, string.Empty);
        process.ErrorDataReceived += (_, e) => handle.Append(e.Data, handle._standardError, "! ");
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start '{handle.CommandLine}'");
        }

        handle.Id = process.Id;
        // Nothing reads our stdin: a program waiting on it sees end of file instead of hanging.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return handle;
    }

    private void Append(string? line, StringBuilder stream, string marker)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            Bounded(stream).AppendLine(line);
            Bounded(_output).Append(marker).AppendLine(line);
        }
    }

    private static StringBuilder Bounded(StringBuilder buffer)
    {
        if (buffer.Length > MaxBufferedChars)
        {
            buffer.Remove(0, buffer.Length - (MaxBufferedChars / 2));
        }

        return buffer;
    }

    private string Snapshot(StringBuilder buffer)
    {
        lock (_lock)
        {
            return buffer.ToString();
        }
    }
}
