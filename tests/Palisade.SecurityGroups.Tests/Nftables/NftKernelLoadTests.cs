using System.Diagnostics;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;
using Palisade.SecurityGroups.Tests.Evaluation;
using Palisade.TestSupport;
using Palisade.TestSupport.Network;
using Xunit.Abstractions;

namespace Palisade.SecurityGroups.Tests.Nftables;

/// <summary>Compiled scripts against the real nftables of a throw-away network namespace.</summary>
public sealed class NftKernelLoadTests(ITestOutputHelper output)
{
    private const int ScriptsPerCheck = 25;
    private static readonly TimeSpan NftTimeout = TimeSpan.FromSeconds(60);

    [NetworkFact]
    public async Task Compile_RandomPolicies_EveryScriptPassesNftCheck()
    {
        using var lab = NetworkLab.Create("fw");
        var host = lab["fw"];
        var scripts = new List<(string Case, string Script)>();
        for (var seed = 1; seed <= 150; seed++)
        {
            // Threshold 1 turns every layer with a field into maps, 3 mixes maps and rules, 32 is the default.
            var threshold = (seed % 3) switch { 0 => 1, 1 => 3, _ => 32 };
            var random = new RandomPolicies(seed);
            var policy = EffectivePolicyBuilder.Build(random.Policy(out var allowance), allowance);
            scripts.Add(($"policy seed {seed} threshold {threshold}", Compile(policy, $"p{seed}", threshold)));

            // Entry lists no builder makes: protocol intervals such as 0-39 or 40-255, ports on every protocol.
            var entries = new RandomPolicies(seed).Entries(120);
            var handMade = new EffectivePolicy
            {
                InstanceId = "i-entries",
                Nics = [new NicEffectivePolicy { Nic = Policies.Nic("eth0", NicType.Intranet, "sg-x"), SecurityGroups = [Policies.Group("sg-x")], Ingress = entries, Egress = entries }],
            };
            scripts.Add(($"entries seed {seed} threshold {threshold}", Compile(handMade, $"e{seed}", threshold)));
        }

        foreach (var batch in scripts.Chunk(ScriptsPerCheck))
        {
            var result = await NftCheck(host, string.Concat(batch.Select(s => s.Script)));
            if (!result.Succeeded)
            {
                // Find the script that failed, so the message names a reproducible case.
                foreach (var (name, script) in batch)
                {
                    var single = await NftCheck(host, script);
                    Assert.True(single.Succeeded, $"nft -c rejected {name}: {single.StandardError}\n{script}");
                }

                Assert.Fail($"nft -c rejected a batch whose scripts pass one by one: {result.StandardError}");
            }
        }

        Assert.Equal(300, scripts.Count);
    }

    [NetworkFact]
    public async Task NftCheck_OverlappingMapElements_RejectedAdjacentOnesAccepted()
    {
        // The compiler relies on these kernel facts: pipapo refuses an element whose start lies in an existing one
        // (so a layering bug fails loudly), adjacent intervals are not an overlap, and "nft -c" asks the kernel,
        // so the random-policy check above really exercises it. The kernel does not catch every overlap (only
        // the new element's corners are looked up), which is why the compiler must never emit one.
        using var lab = NetworkLab.Create("fw");
        var host = lab["fw"];
        static string Map(string elements) =>
            "table inet t {}\ndelete table inet t\ntable inet t {\n\tcounter c { }\n"
            + $"\tmap m {{ type inet_proto . ipv4_addr . inet_service : counter; flags interval; elements = {{ {elements} }}; }}\n}}\n";

        var adjacent = await NftCheck(host, Map("6 . 192.0.2.0/25 . 1-1023 : \"c\", 6 . 192.0.2.0/25 . 1024-65535 : \"c\", 6 . 192.0.2.128/25 . 1-1023 : \"c\""));
        var overlapping = await NftCheck(host, Map("6 . 192.0.2.0/24 . 1-1023 : \"c\", 6 . 192.0.2.0/25 . 22 : \"c\""));

        Assert.True(adjacent.Succeeded, adjacent.StandardError);
        Assert.False(overlapping.Succeeded);
        Assert.Contains("File exists", overlapping.StandardError, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Compile_TenThousandRules_LoadsAtomicallyWithEveryCounter()
    {
        using var lab = NetworkLab.Create("fw");
        var host = lab["fw"];
        var policy = LargePolicies.ClassBenchLike(10_000, seed: 42);
        NftablesCompiler.Compile(EffectivePolicyBuilder.Build(LargePolicies.ClassBenchLike(200, seed: 1)));

        var clock = Stopwatch.StartNew();
        var ruleset = NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy));
        var compiled = clock.Elapsed;
        await host.NftAsync(ruleset.Script);
        var loaded = clock.Elapsed - compiled;
        clock.Restart();
        await host.NftAsync(ruleset.Script);
        var reloaded = clock.Elapsed;

        // Timing is reported, not asserted: the machine is shared (guide/testing.md).
        output.WriteLine(
            $"10,000 rules: compile {compiled.TotalMilliseconds:F0} ms, first nft -f {loaded.TotalMilliseconds:F0} ms, " +
            $"replacing nft -f {reloaded.TotalMilliseconds:F0} ms; {ruleset.RuleLineCount} rule lines, " +
            $"{ruleset.SetElementCount} map elements in {ruleset.MapCount} maps, {ruleset.Counters.Length} counters, {ruleset.Script.Length / 1024} KiB");
        using var json = host.NftJson("counters table inet palisade");
        var inKernel = NftCounterReader.Parse(json.RootElement.GetRawText()).Select(c => c.CounterName).Order(StringComparer.Ordinal);
        Assert.Equal(ruleset.Counters.Select(c => c.CounterName), inKernel);
        Assert.Equal(10_000, ruleset.Counters.Count(c => c.Name.StartsWith(ResourceIds.RulePrefix, StringComparison.Ordinal)));
        Assert.True(ruleset.MapCount > 0, "a list of 10,000 mostly disjoint rules should use maps");
    }

    private static string Compile(EffectivePolicy policy, string tableName, int threshold) =>
        NftablesCompiler.Compile(policy, new NftCompileOptions { TableName = tableName, SetThreshold = threshold }).Script;

    private static Task<CommandResult> NftCheck(LabHost host, string script) =>
        host.RunAsync("nft", ["-c", "-f", "-"], NftTimeout, script);
}
