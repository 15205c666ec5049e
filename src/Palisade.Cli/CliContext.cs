using Spectre.Console;

namespace Palisade.Cli;

/// <summary>
/// Where one invocation writes and what environment it sees. Tests run many invocations in one process, so nothing
/// here is global: each gets its own writers and its own view of the environment variables.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    /// <summary>Tables are laid out to this width when stdout is not a terminal, so piped output is not wrapped at 80.</summary>
    private const int RedirectedWidth = 200;

    public const string ServerVariable = "PALISADE_SERVER";
    public const string TokenVariable = "PALISADE_TOKEN";

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>An environment variable, or null when it is unset or empty.</summary>
    public string? GetEnvironment(string name)
    {
        var value = environment(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A Spectre console on <see cref="Output"/>: colours only on a real terminal, plain text otherwise.</summary>
    public IAnsiConsole CreateConsole()
    {
        var isTerminal = ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Output),
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
