using System.Text.Json;
using Microsoft.Extensions.Logging;
using Palisade.Contracts;

namespace Palisade.Agent.State;

/// <summary>
/// The agent's state directory: state.json (the last applied state), ruleset.nft (its script, for operators),
/// counters.json (carried rule counters). Every file is replaced atomically and readable by root only.
/// An unreadable file is logged and treated as missing: the server sends the state again.
/// </summary>
internal sealed class StateStore(string directory, ILogger logger)
{
    public const string StateFileName = "state.json";
    public const string ScriptFileName = "ruleset.nft";
    public const string CountersFileName = "counters.json";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Not indented: with 10,000 rules state.json holds the whole policy and script (about 7 MB indented, 4.5 MB not),
    // and it is written on every apply. Operators read ruleset.nft; `jq . state.json` shows the state.
    private static readonly JsonSerializerOptions Json = new(ApiJson.Options) { WriteIndented = false };

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Creates the directory with mode 0700 (tightening an existing one) and removes what a crash left behind.</summary>
    public void Prepare()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnly);
            File.SetUnixFileMode(Directory, OwnerOnly);
        }

        var removed = AtomicFile.RemoveLeftovers(Directory);
        if (removed > 0)
        {
            AgentLog.StateLeftoversRemoved(logger, removed, Directory);
        }
    }

    public AppliedState? LoadApplied()
    {
        var state = Read<AppliedState>(StateFileName);
        if (state is not null && (state.FormatVersion != AppliedState.CurrentFormatVersion || string.IsNullOrEmpty(state.Script)))
        {
            AgentLog.StateUnreadable(logger, Path.Combine(Directory, StateFileName), $"format version {state.FormatVersion} or an empty script");
            return null;
        }

        return state;
    }

    /// <summary>Writes ruleset.nft, then state.json: state.json never names a script that is not on disk.</summary>
    public void SaveApplied(AppliedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        AtomicFile.Write(Path.Combine(Directory, ScriptFileName), System.Text.Encoding.UTF8.GetBytes(state.Script));
        Write(StateFileName, state);
    }

    public CounterDocument LoadCounters() => Read<CounterDocument>(CountersFileName) ?? new CounterDocument();

    public void SaveCounters(CounterDocument counters) => Write(CountersFileName, counters);

    private T? Read<T>(string fileName)
        where T : class
    {
        var path = Path.Combine(Directory, fileName);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            AgentLog.StateUnreadable(logger, path, ex.Message);
            return null;
        }
    }

    private void Write<T>(string fileName, T value) =>
        AtomicFile.Write(Path.Combine(Directory, fileName), stream => JsonSerializer.Serialize(stream, value, Json));
}
