using System.Diagnostics;
using System.Globalization;
using System.Text;
using Palisade.TestSupport.Network;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>
/// What the tutorial did, in order: the current step, every CLI command as a user would type it with what it
/// printed, and the measured apply latencies. Printed after every run and quoted when a step fails, so a failure
/// says where it happened and what the programs answered.
/// </summary>
internal sealed class TutorialTranscript
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Change, TimeSpan Latency)> _latencies = [];
    private readonly object _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>The step under way, e.g. "sg authorize: accept tcp/22 from client1".</summary>
    public string CurrentStep { get; private set; } = "setting up";

    public IReadOnlyList<(string Change, TimeSpan Latency)> Latencies
    {
        get
        {
            lock (_lock)
            {
                return [.. _latencies];
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public void Step(string name)
    {
        lock (_lock)
        {
            CurrentStep = name;
            _text.Append(CultureInfo.InvariantCulture, $"\n== [{_clock.Elapsed.TotalSeconds:0.0} s] {name}\n");
        }
    }

    public void Note(string line)
    {
        lock (_lock)
        {
            _text.Append(line).Append('\n');
        }
    }

    /// <summary>Records a CLI run as "$ ./palisade args", how long the process took, its output and, when not 0, its exit code.</summary>
    public void Command(IEnumerable<string> arguments, CommandResult result, TimeSpan duration)
    {
        lock (_lock)
        {
            _text.Append("$ ./palisade ").Append(string.Join(' ', arguments.Select(Quote)))
                .Append(CultureInfo.InvariantCulture, $"    [process ran {duration.TotalMilliseconds:0} ms]\n");
            _text.Append(result.StandardOutput);
            if (result.StandardError.Length > 0)
            {
                _text.Append("(stderr) ").Append(result.StandardError);
            }

            if (result.ExitCode != 0)
            {
                _text.Append(CultureInfo.InvariantCulture, $"(exit code {result.ExitCode})\n");
            }
        }
    }

    public void Latency(string change, TimeSpan latency)
    {
        lock (_lock)
        {
            _latencies.Add((change, latency));
            _text.Append(CultureInfo.InvariantCulture, $"-> {change}: in force {latency.TotalMilliseconds:0} ms after\n");
        }
    }

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or ';' or '&')
            ? "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : argument;
}
