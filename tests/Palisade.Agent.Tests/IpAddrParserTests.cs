using Palisade.Agent.Inventory;

namespace Palisade.Agent.Tests;

/// <summary>The parser on its own; <see cref="InventoryReaderTests"/> feeds it real ip output from a namespace.</summary>
public sealed class IpAddrParserTests
{
    // Recorded from `ip -j addr show` (iproute2 6.1) in a namespace with a veth pair, trimmed to the fields that matter.
    private const string TwoVeths = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"link_type":"loopback","address":"00:00:00:00:00:00",
          "addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"},{"family":"inet6","local":"::1","prefixlen":128,"scope":"host"}]},
         {"ifindex":2,"link":"agv0","ifname":"agv1","link_type":"ether","address":"AE:05:CF:AD:05:08",
          "addr_info":[{"family":"inet6","local":"fe80::ac05:cfff:fead:508","prefixlen":64,"scope":"link"}]},
         {"ifindex":3,"link":"agv1","ifname":"agv0","link_type":"ether","address":"36:de:a9:72:5e:c5",
          "addr_info":[{"family":"inet","local":"198.18.77.2","prefixlen":24,"scope":"global","label":"agv0"},
                       {"family":"inet6","local":"2001:2::77:2","prefixlen":64,"scope":"global"},
                       {"family":"inet6","local":"fe80::34de:a9ff:fe72:5ec5","prefixlen":64,"scope":"link"}]}]
        """;

    [Fact]
    public void Parse_DefaultRouteOnHigherIndex_PutsThatNicFirst()
    {
        var inventory = IpAddrParser.Parse(TwoVeths, """[{"dst":"default","dev":"agv0","scope":"link","flags":[]}]""", "[]");

        Assert.Equal(["agv0", "agv1"], inventory.Nics.Select(n => n.DeviceName).ToArray());
    }

    [Fact]
    public void Parse_NoDefaultRoute_OrdersByInterfaceIndex()
    {
        var inventory = IpAddrParser.Parse(TwoVeths, "[]", "[]");

        Assert.Equal(["agv1", "agv0"], inventory.Nics.Select(n => n.DeviceName).ToArray());
    }

    [Fact]
    public void Parse_Addresses_KeepsGlobalOnesWithPrefixAndSkipsLoopbackAndLinkLocal()
    {
        var inventory = IpAddrParser.Parse(TwoVeths);

        var agv0 = inventory.Nics.Single(n => n.DeviceName == "agv0");
        Assert.Equal(["198.18.77.2/24", "2001:2::77:2/64"], agv0.Addresses.ToArray());
        Assert.Empty(inventory.Nics.Single(n => n.DeviceName == "agv1").Addresses);
        Assert.DoesNotContain(inventory.Nics, n => n.DeviceName == "lo");
        Assert.Equal("ae:05:cf:ad:05:08", inventory.Nics.Single(n => n.DeviceName == "agv1").MacAddress);
    }

    [Fact]
    public void Parse_IPv6DefaultRouteOnly_StillChoosesThePrimaryNic()
    {
        var inventory = IpAddrParser.Parse(TwoVeths, "[]", """[{"dst":"default","gateway":"2001:2::1","dev":"agv0","metric":1024}]""");

        Assert.Equal("agv0", inventory.Nics[0].DeviceName);
    }

    [Fact]
    public void Parse_DadFailedAndIPv4LinkLocal_AreLeftOut()
    {
        const string json = """
            [{"ifindex":2,"ifname":"eth0","address":"52:54:00:00:00:01","addr_info":[
              {"family":"inet","local":"169.254.3.4","prefixlen":16,"scope":"link"},
              {"family":"inet6","local":"2001:2::9","prefixlen":64,"scope":"global","dadfailed":true,"tentative":true},
              {"family":"inet6","local":"2001:2::10","prefixlen":64,"scope":"global","tentative":true}]}]
            """;

        var nic = Assert.Single(IpAddrParser.Parse(json).Nics);

        Assert.Equal(["2001:2::10/64"], nic.Addresses.ToArray());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"ifname\": \"eth0\"}")]
    public void Parse_NotIpJson_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => IpAddrParser.Parse(text));
    }

    [Fact]
    public void Parse_UnreadableRouteListing_FallsBackToIndexOrder()
    {
        var inventory = IpAddrParser.Parse(TwoVeths, "garbage{", null);

        Assert.Equal("agv1", inventory.Nics[0].DeviceName);
    }

    [Fact]
    public void SameAs_AddressAdded_IsAChange()
    {
        var before = IpAddrParser.Parse(TwoVeths);
        var after = IpAddrParser.Parse(TwoVeths.Replace("\"prefixlen\":24,", "\"prefixlen\":25,", StringComparison.Ordinal));

        Assert.True(before.SameAs(IpAddrParser.Parse(TwoVeths)));
        Assert.False(before.SameAs(after));
    }
}
