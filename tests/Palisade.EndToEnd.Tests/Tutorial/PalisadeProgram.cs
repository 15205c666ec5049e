using System.Runtime.InteropServices;
using Palisade.Cli;
using Palisade.TestSupport.Network;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>
/// The real <c>palisade</c> program (palisade.dll, copied next to the tests because this project references
/// Palisade.Cli), started as its own process inside a lab host with only the environment a user would give it.
/// </summary>
/// <remarks>
/// <para><c>env -i</c> starts the program with a clean environment: nothing of the test runner's (a coverage
/// profiler, a developer's PALISADE_TOKEN) leaks in, so the program sees only what the tutorial sets.</para>
/// </remarks>
internal sealed class PalisadeProgram
{
    private const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private PalisadeProgram(string dotnet, string assembly)
    {
        Dotnet = dotnet;
        Assembly = assembly;
    }

    public string Dotnet { get; }

    public string Assembly { get; }

    /// <summary>Finds palisade.dll and the dotnet host that runs this test; throws naming the missing file.</summary>
    public static PalisadeProgram Locate()
    {
        var assembly = typeof(CliApp).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        foreach (var file in new[] { assembly, runtimeConfig })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing: build tests/Palisade.EndToEnd.Tests, which copies the CLI next to the tests", file);
            }
        }

        return new PalisadeProgram(FindDotnet(), assembly);
    }

    /// <summary>Starts a long-running command (server, agent) in <paramref name="host"/>.</summary>
    public LabProcess Start(LabHost host, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments) =>
        host.StartProcess("env", [.. Invocation(environment, arguments)]);

    /// <summary>Runs a command to completion in <paramref name="host"/>.</summary>
    public Task<CommandResult> RunAsync(LabHost host, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments, TimeSpan timeout) =>
        host.RunAsync("env", Invocation(environment, arguments), timeout);

    private IEnumerable<string> Invocation(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = SearchPath,
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return ["-i", .. variables.Select(v => $"{v.Key}={v.Value}"), Dotnet, Assembly, .. arguments];
    }

    /// <summary>The dotnet host: the one running this test (testhost runs under it), else the one of this runtime.</summary>
    private static string FindDotnet()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet")
        {
            return self;
        }

        // .../shared/Microsoft.NETCore.App/10.0.x/ → the dotnet root three levels up.
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/');
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
