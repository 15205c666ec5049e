using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.SecurityGroups.Tests.Nftables;

public sealed class MatchAtomTests
{
    [Fact]
    public void Split_AllProtocols_GivesTheTcpUdpIntervalAndTheWholeRangeForTheRest()
    {
        var (ports, noPorts) = Split(Entry(0, 255));

        var tcpUdp = Assert.Single(ports);
        Assert.Equal((6, 17), (tcpUdp.ProtocolLow, tcpUdp.ProtocolHigh));
        var other = Assert.Single(noPorts);
        Assert.Equal((0, 255), (other.ProtocolLow, other.ProtocolHigh));
    }

    [Theory]
    [InlineData(6, 6, 6, 6)]
    [InlineData(17, 17, 17, 17)]
    [InlineData(6, 17, 6, 17)]
    [InlineData(0, 10, 6, 6)]
    [InlineData(10, 20, 17, 17)]
    public void Split_ProtocolIntervalWithTcpOrUdp_GivesAPortsAtomOfJustThose(byte low, byte high, byte expectedLow, byte expectedHigh)
    {
        var (ports, _) = Split(Entry(low, high));

        var atom = Assert.Single(ports);
        Assert.Equal((expectedLow, expectedHigh), (atom.ProtocolLow, atom.ProtocolHigh));
    }

    [Theory]
    [InlineData(6, 6, false)]
    [InlineData(17, 17, false)]
    [InlineData(1, 1, true)]
    [InlineData(5, 7, true)]
    [InlineData(6, 17, true)]
    public void Split_ProtocolInterval_HasANoPortsAtomOnlyWithOtherProtocols(byte low, byte high, bool expected)
    {
        var (_, noPorts) = Split(Entry(low, high));

        Assert.Equal(expected, noPorts.Count == 1);
    }

    [Fact]
    public void Split_PortRangeWithoutZero_NoNoPortsAtomBecauseOtherProtocolsCarryPortZero()
    {
        var (ports, noPorts) = Split(Entry(0, 255) with { DestinationPortLow = 1 });

        Assert.Single(ports);
        Assert.Empty(noPorts);
    }

    [Fact]
    public void ForLinearChain_EntrySpanningAllPorts_OneAtomOfAnyShape()
    {
        var atoms = new List<MatchAtom>();

        MatchAtom.ForLinearChain(Entry(0, 255), 3, atoms);

        var atom = Assert.Single(atoms);
        Assert.Equal(MatchShape.Any, atom.Shape);
        Assert.Equal(3, atom.EntryIndex);
    }

    private static (List<MatchAtom> Ports, List<MatchAtom> NoPorts) Split(PolicyEntry entry)
    {
        var ports = new List<MatchAtom>();
        var noPorts = new List<MatchAtom>();
        MatchAtom.Split(entry, 0, ports, noPorts);
        return (ports, noPorts);
    }

    private static PolicyEntry Entry(byte protocolLow, byte protocolHigh) => new()
    {
        Kind = EntryKind.Rule,
        Verdict = Verdict.Accept,
        Family = IpFamily.IPv4,
        ProtocolLow = protocolLow,
        ProtocolHigh = protocolHigh,
        Source = Cidr.AnyIPv4,
        Destination = Cidr.AnyIPv4,
    };
}
