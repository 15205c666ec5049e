using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Waf.Engine;
using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Cli.Commands;

/// <summary>`palisade waf conformance`: runs OWASP CRS's regression tests through the WAF on a local Kestrel.</summary>
internal static class WafCommands
{
    /// <summary>A progress line on stderr every this many tests (and after the last one).</summary>
    private const int ProgressInterval = 500;

    public static Command Create(CliContext context, GlobalOptions globals) =>
        new("waf", "The web application firewall: check the engine against OWASP CRS's own regression tests.")
        {
            Conformance(context, globals),
        };

    private static Command Conformance(CliContext context, GlobalOptions globals)
    {
        var crs = CliOptions.Text("--crs", "The OWASP CRS directory (rules/, crs-setup.conf.example, tests/regression/tests), e.g. ../shared/crs/v4.28.0.", "PATH", required: true);
        var include = CliOptions.Repeatable("--include", "Run only the tests of matching rule ids or test ids, '*' and '?' as wildcards, e.g. 942* or 920100-8 (repeatable).", "GLOB");
        var exclude = CliOptions.Repeatable("--exclude", "Skip the tests of matching rule ids or test ids; wins over --include (repeatable).", "GLOB");
        var overrides = CliOptions.Text("--overrides", "A go-ftw platform overrides file (CRS's *-overrides.yaml format) [default: the built-in Kestrel overrides].", "FILE");
        var baseline = CliOptions.Text("--baseline", "The known failures, one test id and reason per line [default: the built-in baseline].", "FILE");
        var command = new ExampleCommand(
            "conformance",
            "Run CRS's go-ftw regression tests against the WAF engine on a local Kestrel, as CRS's CI runs them (DetectionOnly, paranoia level 4). "
                + "Prints every failure and closes with 'N passed, M failed'. Exit code 0 when every failure is in the baseline, 1 otherwise.",
            "./palisade waf conformance --crs ../shared/crs/v4.28.0",
            "./palisade waf conformance --crs ../shared/crs/v4.28.0 --include '942*' --include 920100-8",
            "./palisade waf conformance --crs ../shared/crs/v4.28.0 --exclude '95*' --output json")
        {
            crs, include, exclude, overrides, baseline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ConformanceRunOptions
            {
                CrsDirectory = ExistingDirectory(parse.GetValue(crs)!),
                Include = parse.GetValue(include) ?? [],
                Exclude = parse.GetValue(exclude) ?? [],
                OverridesFile = ExistingFile(parse.GetValue(overrides), "--overrides"),
                BaselineFile = ExistingFile(parse.GetValue(baseline), "--baseline"),
            };
            var result = await RunAsync(context, options, cancellationToken).ConfigureAwait(false);
            if (globals.ResolveOutput(parse) == OutputFormat.Json)
            {
                ConformanceReport.WriteJson(context.Output, result);
                await context.Error.WriteLineAsync(result.Summary).ConfigureAwait(false);
            }
            else
            {
                ConformanceReport.WriteTable(context.CreateConsole(), result);
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.TestsFailed;
        });
        return command;
    }

    private static async Task<ConformanceResult> RunAsync(CliContext context, ConformanceRunOptions options, CancellationToken cancellationToken)
    {
        await context.Error.WriteLineAsync($"waf conformance: loading CRS from {options.CrsDirectory} …").ConfigureAwait(false);
        try
        {
            return await ConformanceRunner.RunAsync(options, progress =>
            {
                if (progress.Completed % ProgressInterval == 0 || progress.Completed == progress.Total)
                {
                    context.Error.WriteLine($"waf conformance: {progress.Completed}/{progress.Total} tests ({progress.Passed} passed, {progress.Failed} failed)");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (WafConfigurationException ex)
        {
            throw new CliException(ExitCodes.TestsFailed, "CRS does not load into the WAF engine:", [.. ex.Errors.Select(e => e.ToString())]);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ExitCodes.Usage, "the overrides or baseline file is malformed:", [.. ex.Message.Split(Environment.NewLine)]);
        }
    }

    private static string ExistingDirectory(string path)
    {
        if (!Directory.Exists(Path.Combine(path, "rules")))
        {
            throw CliException.Usage($"--crs '{path}' is not an OWASP CRS directory: it has no rules/ folder. Give the CRS checkout, e.g. ../shared/crs/v4.28.0.");
        }

        return Path.GetFullPath(path);
    }

    private static string? ExistingFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw CliException.Usage($"{option} '{path}' does not exist: give the path of a readable file.");
}
