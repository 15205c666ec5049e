using System.CommandLine;
using System.Text;
using Xunit.Abstractions;

namespace Palisade.Cli.Tests;

/// <summary>
/// Thousands of random command lines — real commands and options mixed with unknown ones, missing values, unicode,
/// control characters, huge numbers and long strings — against a real server. The CLI must never throw, always
/// exit 0, 1, 2 or 3 with a one-line error, and the server must keep serving.
/// </summary>
public sealed class CliFuzzTests(CliServerFixture server, ITestOutputHelper log) : IClassFixture<CliServerFixture>
{
    private const int Vectors = 3000;

    // The daemons never run here: `server` would listen on :8080 and `agent` would change the host's nftables.
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase) { "server", "agent", "--data" };

    private static readonly string[] InterestingValues =
    [
        "tcp", "udp", "icmp", "icmpv6", "gre", "all", "TCP", "sctp", "6", "22/22", "-1/-1", "200/1", "1/65535", "0/0", "22", "65536",
        "0.0.0.0/0", "203.0.113.7/32", "203.0.113.7", "300.1.1.1/8", "10.0.0.0/33", "::/0", "2001:db8::/32", "fe80::1%eth0",
        "accept", "drop", "Accept", "Drop", "reject", "ingress", "egress", "internet", "intranet", "normal", "enterprise",
        "admin", "operator", "read-only", "agent-role", "1", "100", "0", "-1", "101", "2147483648", "99999999999999999999999999", "1e400",
        "NaN", "", " ", "sg-doesnotexist", "i-doesnotexist", "sgr-doesnotexist", "pl-doesnotexist", "tok-doesnotexist", "eni-doesnotexist",
        "json", "table", "ü中文🔥", "\u0000", "\u202e", "a\nb", "\"quoted\"", "{\"json\":1}", "[markup]", "[red]x[/]", "%s%n", "${PATH}",
        "'; DROP TABLE rules; --", "--", "-", "@response-file", "-h", "--help", "local", "203.0.113.0/24=office",
    ];

    [Fact]
    public async Task RandomArgumentVectors_NeverThrowAlwaysDocumentedExitCodeServerKeepsServing()
    {
        var random = new Random(20261128);
        var environment = new Dictionary<string, string> { ["PALISADE_SERVER"] = server.Url, ["PALISADE_TOKEN"] = server.AdminToken };
        var groupId = (await server.RunJsonAsync("sg", "create", "--security-group-name", "fuzz")).GetProperty("SecurityGroupId").GetString()!;
        var values = InterestingValues.Append(groupId).ToArray();
        var leaves = LeafCommands().ToList();
        var exitCodes = new Dictionary<int, int>();

        for (var i = 0; i < Vectors; i++)
        {
            var args = Generate(random, leaves, values);
            if (args.Any(Forbidden.Contains))
            {
                continue;
            }

            CliRun run;
            try
            {
                run = await CliRun.RunAsync(environment, [.. args]);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"palisade {Show(args)} threw {ex}");
            }

            exitCodes[run.ExitCode] = exitCodes.GetValueOrDefault(run.ExitCode) + 1;
            Assert.True(run.ExitCode is 0 or 1 or 2 or 3, $"palisade {Show(args)}\n{run}");
            Assert.DoesNotContain("unexpected failure", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            if (run.ExitCode != 0)
            {
                Assert.True(run.Stderr.StartsWith("Error: ", StringComparison.Ordinal), $"palisade {Show(args)}\n{run}");
            }
        }

        log.WriteLine(string.Join(", ", exitCodes.OrderBy(e => e.Key).Select(e => $"exit {e.Key}: {e.Value}")));

        // The mix reached the server (0 and 1), not only the parser (2).
        Assert.True(exitCodes.GetValueOrDefault(0) > 100 && exitCodes.GetValueOrDefault(1) > 100 && exitCodes.GetValueOrDefault(2) > 100,
            string.Join(", ", exitCodes.Select(e => $"exit {e.Key}: {e.Value}")));
        Assert.Equal(0, (await server.RunAsync("sg", "describe", "--security-group-id", groupId)).ExitCode);
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(new Uri(new Uri(server.Url), "/healthz")));
    }

    private static List<string> Generate(Random random, List<(string[] Path, Option[] Options)> leaves, string[] values)
    {
        var args = new List<string>();
        if (random.Next(100) < 3)
        {
            // Pure noise.
            for (var n = random.Next(6); n > 0; n--)
            {
                args.Add(RandomText(random));
            }

            return args;
        }

        var (path, options) = leaves[random.Next(leaves.Count)];
        var words = path.ToList();
        switch (random.Next(100))
        {
            case < 4:
                words.RemoveAt(words.Count - 1);
                break;
            case < 7:
                words[^1] = RandomText(random);
                break;
        }

        args.AddRange(words);

        // Required options usually present, so that most vectors get past the parser to the server.
        foreach (var required in options.Where(o => o.Required && random.Next(100) < 90))
        {
            args.Add(required.Name);
            args.Add(values[random.Next(values.Length)]);
        }

        for (var n = random.Next(6); n > 0; n--)
        {
            var name = random.Next(100) switch
            {
                < 80 when options.Length > 0 => options[random.Next(options.Length)].Name,
                < 88 => "--output",
                < 91 => "--token",
                < 95 => "--" + RandomText(random),
                _ => RandomText(random),
            };
            args.Add(name);
            if (random.Next(100) < 88)
            {
                args.Add(random.Next(100) < 75 ? values[random.Next(values.Length)] : RandomText(random));
            }
        }

        return args;
    }

    private static string RandomText(Random random)
    {
        var length = random.Next(100) < 5 ? random.Next(1000, 20000) : random.Next(0, 12);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(5) switch
            {
                0 => (char)random.Next(0x20, 0x7f),
                1 => (char)random.Next(0x00, 0x20),
                2 => (char)random.Next(0xa0, 0x3000),
                3 => (char)random.Next(0xd800, 0xe000), // lone surrogates: not valid UTF-16 text
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }

    private static IEnumerable<(string[] Path, Option[] Options)> LeafCommands()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, _ => null));
        return Walk(root, []);

        static IEnumerable<(string[], Option[])> Walk(Command command, string[] path)
        {
            if (command.Subcommands.Count == 0)
            {
                yield return (path, [.. command.Options.Where(o => !Forbidden.Contains(o.Name))]);
            }

            foreach (var sub in command.Subcommands.Where(s => !Forbidden.Contains(s.Name)))
            {
                foreach (var leaf in Walk(sub, [.. path, sub.Name]))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static string Show(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 60 ? $"<{a.Length} chars>" : $"'{a}'"));
}
