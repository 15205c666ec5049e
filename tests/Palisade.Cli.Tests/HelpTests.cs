using System.CommandLine;

namespace Palisade.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task RootHelp_DocumentsEveryExitCodeAndEnvironmentVariable()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        foreach (var expected in new[] { "Exit codes:", "  0 ", "  1 ", "  2 ", "  3 ", "PALISADE_SERVER", "PALISADE_TOKEN", "PALISADE_ADMIN_PASSWORD", "PALISADE_BOOTSTRAP_TOKEN" })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CommandTree_EveryCommandAndOption_HasADescription()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, _ => null));
        var missing = new List<string>();
        foreach (var (path, command) in Commands(root, "palisade"))
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(path);
            }

            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryCommand_Help_ExitsZeroAndShowsUsage()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, _ => null));
        var paths = Commands(root, "palisade").Select(c => c.Path).ToList();
        Assert.True(paths.Count > 35, $"only {paths.Count} commands");
        foreach (var path in paths)
        {
            var run = await CliRun.RunAsync([.. path.Split(' ').Skip(1), "--help"]);
            Assert.True(run.ExitCode == 0, $"{path} --help\n{run}");
            // The root's name is the executable's (testhost here, palisade for real), so only the rest of the path is compared.
            var usage = run.Stdout.ReplaceLineEndings("\n").Split("Usage:\n  ")[1];
            Assert.StartsWith(path["palisade".Length..].TrimStart(), usage.Split(' ', 2)[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SubcommandHelp_WithRequiredOptionsMissing_StillShowsHelpAndExamples()
    {
        var run = await CliRun.RunAsync("sg", "authorize", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--security-group-id", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  ./palisade sg authorize", run.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var descendant in Commands(sub, $"{path} {sub.Name}"))
            {
                yield return descendant;
            }
        }
    }
}
