namespace Palisade.Cli.Tests;

/// <summary>One in-process run of the CLI: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// Runs the CLI as the real program does, but with its own writers and an environment of only
    /// <paramref name="environment"/>, so the developer's PALISADE_SERVER or PALISADE_TOKEN cannot leak into a test.
    /// </summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
        var exitCode = await CliApp.RunAsync(args, context, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
