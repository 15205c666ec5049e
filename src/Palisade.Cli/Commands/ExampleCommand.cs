using System.CommandLine;

namespace Palisade.Cli.Commands;

/// <summary>
/// A command with usage examples. The examples are printed under its own --help only (by
/// <see cref="HelpWithExamplesAction"/>), so a parent's list of subcommands stays one short line each.
/// </summary>
internal sealed class ExampleCommand(string name, string description, params string[] examples) : Command(name, description)
{
    public IReadOnlyList<string> Examples { get; } = examples;
}
