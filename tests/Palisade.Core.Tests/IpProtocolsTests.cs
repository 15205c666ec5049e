namespace Palisade.Core.Tests;

public sealed class IpProtocolsTests
{
    [Theory]
    [InlineData("tcp", IpProtocol.Tcp)]
    [InlineData("TCP", IpProtocol.Tcp)]
    [InlineData(" Udp ", IpProtocol.Udp)]
    [InlineData("ICMP", IpProtocol.Icmp)]
    [InlineData("icmpv6", IpProtocol.Icmpv6)]
    [InlineData("ICMPv6", IpProtocol.Icmpv6)]
    [InlineData("gre", IpProtocol.Gre)]
    [InlineData("ALL", IpProtocol.All)]
    public void TryParse_AnyCase_Protocol(string text, IpProtocol expected)
    {
        Assert.True(IpProtocols.TryParse(text, out var protocol));
        Assert.Equal(expected, protocol);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("sctp")]
    [InlineData("icmp6")]
    [InlineData("any")]
    [InlineData("tcp,udp")]
    public void TryParse_UnknownName_Rejected(string? text)
    {
        Assert.False(IpProtocols.TryParse(text, out _));
    }

    [Fact]
    public void ToCanonical_EveryProtocol_RoundTripsThroughTryParse()
    {
        foreach (var protocol in Enum.GetValues<IpProtocol>())
        {
            var name = protocol.ToCanonical();

            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.Contains(name, IpProtocols.CanonicalNames);
            Assert.True(IpProtocols.TryParse(name, out var parsed));
            Assert.Equal(protocol, parsed);
        }

        Assert.Equal(Enum.GetValues<IpProtocol>().Length, IpProtocols.CanonicalNames.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((IpProtocol)99).ToCanonical());
    }

    [Fact]
    public void HasPorts_OnlyTcpAndUdp()
    {
        Assert.Equal([IpProtocol.Tcp, IpProtocol.Udp], Enum.GetValues<IpProtocol>().Where(p => p.HasPorts()));
        Assert.True(IpProtocols.HasPorts(IpProtocols.TcpNumber));
        Assert.True(IpProtocols.HasPorts(IpProtocols.UdpNumber));
        Assert.False(IpProtocols.HasPorts(IpProtocols.IcmpNumber));
        Assert.False(IpProtocols.HasPorts(132));
    }

    [Theory]
    [InlineData(6, "tcp")]
    [InlineData(17, "udp")]
    [InlineData(1, "icmp")]
    [InlineData(58, "icmpv6")]
    [InlineData(47, "gre")]
    [InlineData(132, "132")]
    public void NameOf_ProtocolNumber_NameOrNumber(byte number, string expected)
    {
        Assert.Equal(expected, IpProtocols.NameOf(number));
    }
}
