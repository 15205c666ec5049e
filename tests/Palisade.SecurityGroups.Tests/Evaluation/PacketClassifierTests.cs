using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Evaluation;

public sealed class PacketClassifierTests
{
    private const byte Tcp = IpProtocols.TcpNumber;

    [Fact]
    public void FindFirstMatch_NoEntries_ReturnsMinusOne()
    {
        var classifier = new PacketClassifier([]);

        Assert.Equal(-1, classifier.FindFirstMatch(In(Tcp, "192.0.2.1", 22)));
        Assert.Null(classifier.FirstMatch(In(Tcp, "192.0.2.1", 22)));
    }

    [Fact]
    public void FindFirstMatch_EntriesOfBothFamilies_ReportsIndexInTheWholeList()
    {
        ImmutableArray<PolicyEntry> entries =
        [
            Entry(IpFamily.IPv6, "::/0", "::/0"),
            Entry(IpFamily.IPv4, "192.0.2.0/24", "0.0.0.0/0"),
            Entry(IpFamily.IPv6, "2001:db8::/32", "::/0"),
            Entry(IpFamily.IPv4, "0.0.0.0/0", "0.0.0.0/0"),
        ];
        var classifier = new PacketClassifier(entries);

        Assert.Equal(1, classifier.FindFirstMatch(In(Tcp, "192.0.2.1", 22)));
        Assert.Equal(3, classifier.FindFirstMatch(In(Tcp, "198.51.100.1", 22)));
        Assert.Equal(0, classifier.FindFirstMatch(In(Tcp, "2001:db8::1", 22, destination: "2001:db8::10")));
        Assert.Same(entries[1], classifier.FirstMatch(In(Tcp, "192.0.2.1", 22)));
    }

    [Fact]
    public void FindFirstMatch_OverlappingEntries_EarlierEntryWinsWhateverItsWidth()
    {
        ImmutableArray<PolicyEntry> entries =
        [
            Entry(IpFamily.IPv4, "0.0.0.0/0", "0.0.0.0/0") with { DestinationPortLow = 22, DestinationPortHigh = 22 },
            Entry(IpFamily.IPv4, "192.0.2.7/32", "10.0.0.10/32"),
        ];
        var classifier = new PacketClassifier(entries);

        Assert.Equal(0, classifier.FindFirstMatch(In(Tcp, "192.0.2.7", 22)));
        Assert.Equal(1, classifier.FindFirstMatch(In(Tcp, "192.0.2.7", 23)));
        Assert.Equal(-1, classifier.FindFirstMatch(In(Tcp, "192.0.2.8", 23)));
    }

    [Fact]
    public void FindFirstMatch_LargeList_AllocatesNothing()
    {
        var random = new RandomPolicies(7);
        var entries = random.Entries(5_000);
        var classifier = new PacketClassifier(entries);
        var packets = Enumerable.Range(0, 256).Select(_ => random.PacketNear(entries)).ToArray();
        var matched = packets.Count(p => classifier.FindFirstMatch(p) >= 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = 0;
        foreach (var packet in packets)
        {
            again += classifier.FindFirstMatch(packet) >= 0 ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(matched, again);
        Assert.InRange(matched, 1, packets.Length);
    }

    private static PolicyEntry Entry(IpFamily family, string source, string destination) => new()
    {
        Kind = EntryKind.Rule, Verdict = Verdict.Accept, Family = family,
        Source = Cidr.Parse(source), Destination = Cidr.Parse(destination),
    };
}
