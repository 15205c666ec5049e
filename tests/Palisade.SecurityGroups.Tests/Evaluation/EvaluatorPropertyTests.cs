using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;

namespace Palisade.SecurityGroups.Tests.Evaluation;

/// <summary>
/// Random rule sets and packets: the compiled evaluator against the independent reference evaluator, and the
/// compiled classifier against a linear scan. A failure names the seed of the rule set so that it reproduces.
/// </summary>
public sealed class EvaluatorPropertyTests
{
    private const int Seed = 20260101;

    [Fact]
    public void Evaluate_RandomPoliciesAndPackets_AgreesWithReferenceEvaluator()
    {
        const int ruleSets = 2_000;
        const int packetsPerSet = 150;
        var compared = 0;
        var decidedBy = new int[Enum.GetValues<DecidedBy>().Length];
        for (var set = 0; set < ruleSets; set++)
        {
            var random = new RandomPolicies(Seed + set);
            var policy = random.Policy(out var allowance);
            var evaluator = PolicyEvaluator.Create(policy, allowance);
            var reference = new ReferenceEvaluator(policy, allowance);
            for (var p = 0; p < packetsPerSet; p++)
            {
                var packet = random.Packet(policy, allowance);
                var expected = reference.Evaluate(packet);
                var actual = Policies.AsReference(evaluator.Evaluate(packet));
                if (actual != expected)
                {
                    Assert.Fail($"Rule set seed {Seed + set}, packet {p} ({packet}): evaluator said {actual}, reference said {expected}.");
                }

                compared++;
                decidedBy[(int)expected.DecidedBy]++;
            }
        }

        Assert.Equal(ruleSets * packetsPerSet, compared);

        // The generator must keep exercising every path, rules most of all, or agreement would prove little.
        var coverage = string.Join(", ", Enum.GetValues<DecidedBy>().Select(d => $"{d} {decidedBy[(int)d]}"));
        Assert.True(decidedBy.All(count => count >= 100), $"Some decision kinds were hardly reached: {coverage}.");
        Assert.True(decidedBy[(int)DecidedBy.Rule] >= compared / 10, $"Rules decided too few packets: {coverage}.");
    }

    [Fact]
    public void FindFirstMatch_RandomEntryLists_AgreesWithLinearScan()
    {
        var compared = 0;
        for (var set = 0; set < 1_500; set++)
        {
            var seed = Seed + 100_000 + set;
            var random = new RandomPolicies(seed);

            // Mostly short lists; every twentieth is long enough for trees several blocks deep.
            var entries = random.Entries(set % 20 == 0 ? 600 + (set * 7 % 2_500) : 1 + (set % 60));
            compared += CompareWithLinearScan(entries, random, seed, packets: 200);
        }

        Assert.Equal(1_500 * 200, compared);
    }

    [Fact]
    public void FindFirstMatch_TensOfThousandsInOnePartition_AgreesWithLinearScan()
    {
        // Host sources put every entry in the partition of selective sources: one deep tree next to two empty ones.
        var seed = Seed + 999_999;
        var random = new RandomPolicies(seed);
        var entries = random.Entries(34_000).Select(e => e with { Source = Cidr.Create(e.Family, e.Source.Network, e.Source.AddressBits) }).ToImmutableArray();

        Assert.Equal(3_000, CompareWithLinearScan(entries, random, seed, packets: 3_000));
    }

    private static int FirstMatchByEntries(ImmutableArray<PolicyEntry> entries, in PacketQuery packet)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Matches(packet))
            {
                return i;
            }
        }

        return -1;
    }

    private static int CompareWithLinearScan(ImmutableArray<PolicyEntry> entries, RandomPolicies random, int seed, int packets)
    {
        var ours = new PacketClassifier(entries);
        var linear = new LinearClassifier(entries);
        for (var p = 0; p < packets; p++)
        {
            var packet = random.PacketNear(entries);
            var expected = FirstMatchByEntries(entries, packet);
            var fromLinear = linear.FindFirstMatch(packet);
            var fromOurs = ours.FindFirstMatch(packet);
            if (fromOurs != expected || fromLinear != expected)
            {
                Assert.Fail($"Entry list seed {seed} ({entries.Length} entries), packet {p} ({packet}): " +
                    $"classifier {fromOurs}, linear scan {fromLinear}, PolicyEntry.Matches {expected}.");
            }
        }

        return packets;
    }
}
