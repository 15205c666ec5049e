using System.Collections.Immutable;
using System.Numerics;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Evaluation;

/// <summary>
/// The parts of the compiled classifier one by one: the split-path table, the vector leaf rule, and forests built
/// with their fallbacks forced (depth and leaf budget), each held to a linear scan of the same entries.
/// </summary>
public sealed class DecisionForestTests
{
    private const int Seed = 20261129;

    [Fact]
    public void SplitPaths_EveryOutcome_IsTheSubtreeTheStepwiseWalkReaches()
    {
        Assert.Equal(1 << SplitBlock<uint>.SplitsPerBlock, SplitPaths.Subtree.Length);
        for (var outcome = 0; outcome < SplitPaths.Subtree.Length; outcome++)
        {
            // Split 0 first; going right at split i leads to 2i+2, left to 2i+1; three levels reach 7..14.
            var at = 0;
            for (var level = 0; level < 3; level++)
            {
                at = (2 * at) + 1 + ((outcome >> at) & 1);
            }

            Assert.Equal(at - SplitBlock<uint>.SplitsPerBlock, SplitPaths.Subtree[outcome]);
        }
    }

    [Fact]
    public void Ipv4LeafRule_RandomBoxesAndFields_AgreesWithScalarRule()
    {
        var random = new Random(Seed);
        uint[] edges = [0, 1, 5, 6, 17, 255, 1023, 1024, 65534, 65535, 0x0A000000, 0xC0000201, uint.MaxValue - 1, uint.MaxValue];
        uint[] maxima = [byte.MaxValue, uint.MaxValue, uint.MaxValue, ushort.MaxValue, ushort.MaxValue];
        uint Value(int dimension) => random.Next(3) == 0
            ? Math.Min(edges[random.Next(edges.Length)], maxima[dimension])
            : (uint)random.NextInt64(0, (long)maxima[dimension] + 1);

        var agreed = 0;
        Span<uint> lows = stackalloc uint[TreeDimension.Count];
        Span<uint> highs = stackalloc uint[TreeDimension.Count];
        for (var round = 0; round < 20_000; round++)
        {
            PacketFields<uint> fields = default;
            for (var d = 0; d < TreeDimension.Count; d++)
            {
                var (a, b) = (Value(d), Value(d));
                (lows[d], highs[d]) = (Math.Min(a, b), Math.Max(a, b));
                fields[d] = random.Next(2) == 0 ? Value(d) : (random.Next(2) == 0 ? lows[d] : highs[d]);
            }

            var index = random.Next();
            var vector = Ipv4LeafRule.Create(lows, highs, index);
            var scalar = ScalarLeafRule<uint>.Create(lows, highs, index);

            var matches = Ipv4LeafRule.Matches(in vector, in fields);
            Assert.Equal(ScalarLeafRule<uint>.Matches(in scalar, in fields), matches);
            Assert.Equal(index, Ipv4LeafRule.ReportedIndex(in vector));
            agreed += matches ? 1 : 0;
        }

        // Both outcomes must be common, or agreement would prove little.
        Assert.InRange(agreed, 1_000, 19_000);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(2, null)]
    [InlineData(5, null)]
    [InlineData(DecisionTreeBuilder<uint, Ipv4LeafRule>.MaxDepth, 0)]
    [InlineData(DecisionTreeBuilder<uint, Ipv4LeafRule>.MaxDepth, 300)]
    public void FindFirst_TreeStoppedByDepthOrLeafBudget_AgreesWithLinearScan(int maxDepth, int? leafRuleBudget)
    {
        var random = new RandomPolicies(Seed + maxDepth + (leafRuleBudget ?? 7));
        var entries = random.Entries(1_200);
        var ipv4 = SingleTreeForest<uint, Ipv4LeafRule>(entries, IpFamily.IPv4, uint.MaxValue, maxDepth, leafRuleBudget);
        var ipv6 = SingleTreeForest<UInt128, ScalarLeafRule<UInt128>>(entries, IpFamily.IPv6, UInt128.MaxValue, maxDepth, leafRuleBudget);
        var linear = new LinearClassifier(entries);

        for (var p = 0; p < 3_000; p++)
        {
            var packet = random.PacketNear(entries);
            var found = packet.Family == IpFamily.IPv4 ? ipv4.FindFirst(packet) : ipv6.FindFirst(packet);
            var expected = linear.FindFirstMatch(packet);
            Assert.True(
                (found == int.MaxValue ? -1 : found) == expected,
                $"Depth {maxDepth}, budget {leafRuleBudget}, packet {p} ({packet}): forest {found}, linear scan {expected}.");
        }
    }

    [Fact]
    public void FindFirstMatch_EntryWithEmptyRange_IsNeverReported()
    {
        ImmutableArray<PolicyEntry> entries =
        [
            AnyEntry() with { ProtocolLow = IpProtocols.UdpNumber, ProtocolHigh = IpProtocols.TcpNumber },
            AnyEntry() with { DestinationPortLow = 443, DestinationPortHigh = 80 },
            AnyEntry(),
        ];
        var classifier = new PacketClassifier(entries);
        var packet = new PacketQuery(Direction.Ingress, IpFamily.IPv4, IpProtocols.TcpNumber, 0x0A000001, 0x0A00000A, 40000, 443);

        Assert.Equal(2, classifier.FindFirstMatch(packet));
        Assert.Equal(2, new LinearClassifier(entries).FindFirstMatch(packet));
    }

    [Fact]
    public void FindFirstMatch_LargeListWithEveryPartitionInBothFamilies_AgreesWithLinearScan()
    {
        // Thousands of entries put several block levels into each of the three trees of both families, so the
        // lockstep walk sees trees of different depths and leaves of every kind.
        var random = new RandomPolicies(Seed + 1);
        var entries = random.Entries(6_000);
        var classifier = new PacketClassifier(entries);
        var linear = new LinearClassifier(entries);
        Assert.True(classifier.Ipv4Shape.Blocks > 20, $"The IPv4 trees are too small to test the walk: {classifier.Ipv4Shape}.");

        var deciding = new HashSet<int>();
        for (var p = 0; p < 20_000; p++)
        {
            var packet = random.PacketNear(entries);
            var expected = linear.FindFirstMatch(packet);
            var found = classifier.FindFirstMatch(packet);
            if (found != expected)
            {
                Assert.Fail($"Entry list seed {Seed + 1}, packet {p} ({packet}): classifier {found}, linear scan {expected}.");
            }

            deciding.Add(found);
        }

        // Agreement on a handful of broad entries would prove little: hundreds of different entries must decide
        // (the small address universe of the generator makes most of 6,000 random entries shadowed).
        Assert.True(deciding.Count >= 300, $"Only {deciding.Count} different entries decided.");
    }

    private static PolicyEntry AnyEntry() => new()
    {
        Kind = EntryKind.Rule, Verdict = Verdict.Accept, Family = IpFamily.IPv4,
        Source = Cidr.AnyIPv4, Destination = Cidr.AnyIPv4,
    };

    /// <summary>All entries of one family in one tree, built with the given limits.</summary>
    private static DecisionForest<T, TRule> SingleTreeForest<T, TRule>(
        ImmutableArray<PolicyEntry> entries, IpFamily family, T addressMax, int maxDepth, int? leafRuleBudget)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        where TRule : unmanaged, ILeafRule<TRule, T>
    {
        var indexes = Enumerable.Range(0, entries.Length).Where(i => entries[i].Family == family).ToArray();
        var tree = DecisionTreeBuilder<T, TRule>.Build([.. indexes.Select(i => entries[i])], indexes, addressMax, maxDepth, leafRuleBudget);
        return new DecisionForest<T, TRule>([tree]);
    }
}
