using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Palisade.TestSupport.Network;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>
/// The machines of the tutorial and the palisade processes running on them: "control" runs the server and every CLI
/// command, "instance" runs the agent and serves tcp/22 (an SSH-like banner, then echo) and tcp/80 (one line),
/// "client1" and "client2" are the outside world (client2 also serves tcp/443 for the instance's outbound test).
/// Disposing kills every process it started, by pid, and deletes the namespaces and the data directories.
/// </summary>
internal sealed class TutorialLab : IAsyncDisposable
{
    /// <summary>The README's default port; free in the control namespace whatever the machine runs.</summary>
    public const int ServerPort = 8080;

    public const int SshPort = 22;
    public const int WebPort = 80;
    public const int OutboundPort = 443;
    public const string SshBanner = "SSH-2.0-PalisadeTutorial";

    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int OutputTailChars = 4000;

    private readonly NetworkLab _lab;
    private readonly PalisadeProgram _program;
    private readonly string _workDirectory;
    private readonly List<LabProcess> _processes = [];

    private TutorialLab(NetworkLab lab, PalisadeProgram program, string workDirectory)
    {
        _lab = lab;
        _program = program;
        _workDirectory = workDirectory;
        Control = lab["control"];
        Instance = lab["instance"];
        Client1 = lab["client1"];
        Client2 = lab["client2"];
        BootstrapToken = "pal_tutorial_bootstrap_" + Guid.NewGuid().ToString("N");
    }

    public LabHost Control { get; }

    public LabHost Instance { get; }

    public LabHost Client1 { get; }

    public LabHost Client2 { get; }

    /// <summary>The admin API token the server stores at first start (PALISADE_BOOTSTRAP_TOKEN).</summary>
    public string BootstrapToken { get; }

    /// <summary>The address the agent uses: the control host's lab address.</summary>
    public string AgentServerUrl => $"http://{Control.IPv4}:{ServerPort}";

    public string ServerDataDirectory => Path.Combine(_workDirectory, "server");

    public string AgentStateDirectory => Path.Combine(_workDirectory, "agent");

    public TutorialTranscript Transcript { get; } = new();

    public LabProcess? Server { get; private set; }

    public static TutorialLab Create()
    {
        var program = PalisadeProgram.Locate();
        var lab = NetworkLab.Create("control", "instance", "client1", "client2");
        try
        {
            var workDirectory = Path.Combine(Path.GetTempPath(), "palisade-tutorial-tests", lab.Id);
            Directory.CreateDirectory(workDirectory);
            var tutorial = new TutorialLab(lab, program, workDirectory);
            tutorial.Instance.ListenTcp(SshPort, handler: ServeSshLikeAsync);
            tutorial.Instance.ListenTcp(WebPort);
            tutorial.Client2.ListenTcp(OutboundPort);
            return tutorial;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>palisade server</c> in the control host, on loopback (for the CLI) and on the lab address (for the agent),
    /// with the bootstrap token; returns once GET /healthz answers.
    /// </summary>
    public async Task StartServerAsync()
    {
        var server = Track(_program.Start(Control,
            new Dictionary<string, string>
            {
                ["PALISADE_BOOTSTRAP_TOKEN"] = BootstrapToken,
                ["PALISADE_ADMIN_PASSWORD"] = "tutorial admin passphrase",
            },
            ["server", "--data", ServerDataDirectory, "--urls", $"http://127.0.0.1:{ServerPort};{AgentServerUrl}"]));
        Server = server;
        using var http = Control.CreateHttpClient(TimeSpan.FromSeconds(2));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {server.ExitCode} before answering /healthz:\n{server.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{ServerPort}/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    Transcript.Note($"server healthy after {waited.ElapsedMilliseconds} ms (pid {server.Id})");
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > ServerStartTimeout)
            {
                throw new TimeoutException($"the server did not answer /healthz within {ServerStartTimeout.TotalSeconds} s:\n{server.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary><c>palisade agent</c> in the instance host, as root, with its token on the command line.</summary>
    public LabProcess StartAgent(string agentToken) =>
        Track(_program.Start(Instance, new Dictionary<string, string>(),
            ["agent", "--server", AgentServerUrl, "--token", agentToken, "--instance-name", "web-1", "--state-dir", AgentStateDirectory]));

    /// <summary>Sends SIGTERM to the process (by its pid) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(LabProcess process, TimeSpan timeout)
    {
        (await process.Host.RunAsync("kill", "-TERM", process.Id.ToString(CultureInfo.InvariantCulture))).EnsureSuccess();
        return await process.WaitForExitAsync(timeout);
    }

    /// <summary>Runs <c>palisade ARGS</c> in the control host with PALISADE_SERVER and PALISADE_TOKEN set.</summary>
    public async Task<CommandResult> RunPalisadeAsync(params string[] arguments)
    {
        var started = Stopwatch.StartNew();
        var result = await _program.RunAsync(Control,
            new Dictionary<string, string>
            {
                ["PALISADE_SERVER"] = $"http://127.0.0.1:{ServerPort}",
                ["PALISADE_TOKEN"] = BootstrapToken,
            },
            arguments, CommandTimeout);
        Transcript.Command(arguments, result, started.Elapsed);
        return result;
    }

    /// <summary>Runs a palisade command that must succeed and returns what it printed on stdout.</summary>
    public async Task<string> PalisadeAsync(params string[] arguments)
    {
        var result = await RunPalisadeAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`palisade {string.Join(' ', arguments)}` exited with {result.ExitCode}\n--- stdout\n{result.StandardOutput}\n--- stderr\n{result.StandardError}");
        }

        return result.StandardOutput;
    }

    /// <summary>Runs a palisade command with <c>--output json</c>, which must succeed, and parses its output.</summary>
    public async Task<JsonElement> PalisadeJsonAsync(params string[] arguments)
    {
        var stdout = await PalisadeAsync([.. arguments, "--output", "json"]);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The transcript and the tail of every process's output, for a failure report.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        text.Append("--- tutorial transcript").Append(Transcript.Text).Append('\n');
        foreach (var process in Processes())
        {
            var output = process.Output;
            var tail = output.Length > OutputTailChars ? "…" + output[^OutputTailChars..] : output;
            var state = process.HasExited ? $"exited with {process.ExitCode}" : "running";
            text.Append(CultureInfo.InvariantCulture, $"--- {process} ({state}), output:\n{tail}\n");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes())
        {
            // SIGKILL to this pid's tree and a wait until it is gone; a no-op for processes that already exited.
            await process.DisposeAsync();
        }

        await _lab.DisposeAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under /tmp and named after the lab.
        }
    }

    private LabProcess[] Processes()
    {
        lock (_processes)
        {
            return [.. _processes];
        }
    }

    private LabProcess Track(LabProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>What tcp/22 answers: a banner first, like sshd, then every line echoed back, so replies can be seen to flow.</summary>
    private static async Task ServeSshLikeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(SshBanner + "\r\n"), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), cancellationToken);
        }
    }

    /// <summary>The lab address of a host, for rules and checks: "198.18.0.3".</summary>
    public static string Address(LabHost host) => host.IPv4.ToString();

    /// <summary>
    /// Connects from <paramref name="from"/>, reads the first line and, with <paramref name="say"/>, the echo of it.
    /// Throws an IOException naming the hosts and what failed.
    /// </summary>
    public static async Task<(string FirstLine, string? Echo)> ConverseAsync(LabHost from, IPAddress to, int port, string? say, TimeSpan timeout)
    {
        var stage = "connect";
        try
        {
            using var socket = await from.CreateSocketAsync(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(new IPEndPoint(to, port), deadline.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            stage = "read the first line";
            var firstLine = await reader.ReadLineAsync(deadline.Token) ?? "";
            if (say is null)
            {
                return (firstLine, null);
            }

            stage = $"send '{say}' and read its echo";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(say + "\n"), deadline.Token);
            return (firstLine, await reader.ReadLineAsync(deadline.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            throw new IOException($"{from.Role} -> {to}:{port}: could not {stage} within {timeout.TotalSeconds} s ({e.Message})", e);
        }
    }
}
