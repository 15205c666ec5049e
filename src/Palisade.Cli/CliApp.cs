using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Palisade.Cli.Commands;

namespace Palisade.Cli;

/// <summary>
/// The `palisade` command as a function: arguments in, text out, an exit code back. Program.cs calls it with the
/// process's console; tests call it in-process with their own writers. Every failure ends as one "Error: …" on
/// stderr and an exit code from <see cref="ExitCodes"/>, never as a stack trace.
/// </summary>
public static class CliApp
{
    internal const string RootDescription =
        "Palisade: security groups, enforced with nftables, for self-hosted Linux servers.\n" +
        "\n" +
        "Run the control plane with `palisade server`, an agent on each server with `palisade agent`, and manage\n" +
        "security groups, instances and tokens through the API with the other commands. `palisade waf conformance`\n" +
        "checks the WAF engine against OWASP CRS's regression tests.\n" +
        "\n" +
        "Environment: PALISADE_SERVER (default for --server), PALISADE_TOKEN (default for --token),\n" +
        "PALISADE_ADMIN_PASSWORD and PALISADE_BOOTSTRAP_TOKEN (first start of `palisade server`).\n" +
        "\n" +
        "Exit codes:\n" +
        "  0    success\n" +
        "  1    the API refused the request (its error code is printed, e.g. InvalidPriority.Malformed),\n" +
        "       or `waf conformance` found a failure that is not in its baseline\n" +
        "  2    usage error: bad or missing arguments, nothing was sent\n" +
        "  3    cannot reach the server, or authentication failed (the message says which)\n" +
        "  130  interrupted by Ctrl+C or SIGTERM";

    /// <summary>Runs one command line with the process's environment variables.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, new CliContext(output, error, Environment.GetEnvironmentVariable), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var root = BuildRoot(context);

            // Response files are off: "@office" is a valid description, not a file to expand.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0 && parse.Action is not (HelpAction or HelpWithExamplesAction))
            {
                return UsageError(context, parse);
            }

            var invocation = new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,

                // Program.cs turns Ctrl+C and SIGTERM into cancellationToken; in-process callers must not get handlers.
                ProcessTerminationTimeout = null,
            };
            var exitCode = await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            await context.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return exitCode;
        }
        catch (CliException ex)
        {
            PrintError(context, ex.Message, ex.Details);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PrintError(context, "interrupted.", []);
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The top of the program: whatever escapes becomes one line and an exit code, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PrintError(context, $"unexpected failure ({ex.GetType().Name}): {ex.Message}", []);
            return ExitCodes.ApiRefused;
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var globals = new GlobalOptions();
        var runner = new ApiCommandRunner(context, globals);
        var root = new RootCommand(RootDescription)
        {
            ServerCommand.Create(context),
            AgentCommand.Create(context, globals),
            SecurityGroupCommands.Create(runner),
            InstanceCommands.Create(runner),
            RegionCommands.Create(runner),
            PrefixListCommands.Create(runner),
            TokenCommands.Create(runner),
            WafCommands.Create(context, globals),
        };
        globals.AddTo(root);
        HelpWithExamplesAction.Install(root);
        return root;
    }

    private static int UsageError(CliContext context, ParseResult parse)
    {
        foreach (var error in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            context.Error.WriteLine($"Error: {error}");
        }

        context.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return ExitCodes.Usage;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: not RootCommand } named)
            {
                names.Add(named.Command.Name);
            }
        }

        names.Add("palisade");
        names.Reverse();
        return string.Join(' ', names);
    }

    private static void PrintError(CliContext context, string message, IReadOnlyList<string> details)
    {
        context.Error.WriteLine($"Error: {message}");
        foreach (var detail in details)
        {
            context.Error.WriteLine($"  {detail}");
        }

        context.Error.Flush();
    }
}
