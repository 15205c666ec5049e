using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Palisade.Cli.Commands;

/// <summary>The standard help, followed by the examples of an <see cref="ExampleCommand"/>.</summary>
internal sealed class HelpWithExamplesAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        if (parseResult.CommandResult.Command is ExampleCommand { Examples.Count: > 0 } command)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in command.Examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        return exitCode;
    }

    /// <summary>Replaces the action of <paramref name="root"/>'s (recursive) --help option.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithExamplesAction(standard);
        }
    }
}
