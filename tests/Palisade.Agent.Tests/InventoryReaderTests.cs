using Palisade.Agent.Commands;
using Palisade.Agent.Inventory;
using Palisade.TestSupport.Network;
using Palisade.TestSupport;

namespace Palisade.Agent.Tests;

/// <summary>The inventory from real <c>ip -j</c> output, read inside a namespace whose NICs and addresses the test set.</summary>
public sealed class InventoryReaderTests
{
    [NetworkFact]
    public async Task Read_LabHost_ListsEth0WithItsAddressesAndMacButNotLoOrLinkLocal()
    {
        await using var lab = NetworkLab.Create("instance");
        var host = lab["instance"];
        host.AddAddress("198.18.0.100/24");

        var inventory = await ReaderIn(host).ReadAsync(CancellationToken.None);

        var nic = Assert.Single(inventory.Nics);
        Assert.Equal("eth0", nic.DeviceName);
        Assert.Equal("02:00:c6:12:00:01", nic.MacAddress);
        Assert.Equal(["198.18.0.1/24", "198.18.0.100/24", "2001:2::1/64"], nic.Addresses.Order(StringComparer.Ordinal).ToArray());
        // The kernel gave eth0 a link-local fe80:: address too; it is left out.
        Assert.Contains("fe80::", (await host.RunAsync("ip", "-6", "addr", "show", "dev", "eth0")).StandardOutput, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Read_DefaultRouteOnSecondNic_ListsThatNicFirst()
    {
        await using var lab = NetworkLab.Create("instance");
        var host = lab["instance"];
        // A veth pair with both ends in the namespace: the default route through it cannot reach anything outside.
        foreach (var command in new[]
                 {
                     "link add lan7 type veth peer name lan7p", "addr add 198.18.7.1/24 dev lan7", "addr add 2001:2:0:7::1/64 dev lan7 nodad",
                     "link set lan7 up", "link set lan7p up", "route add default dev lan7",
                 })
        {
            (await host.RunAsync("ip", command.Split(' '))).EnsureSuccess();
        }

        var inventory = await ReaderIn(host).ReadAsync(CancellationToken.None);

        Assert.Equal("lan7", inventory.Nics[0].DeviceName);
        Assert.Equal(["198.18.7.1/24", "2001:2:0:7::1/64"], inventory.Nics[0].Addresses.ToArray());
        var rest = inventory.Nics.Skip(1).ToArray();
        Assert.Equal(["eth0", "lan7p"], rest.Select(n => n.DeviceName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(rest.Select(n => n.InterfaceIndex).Order().ToArray(), rest.Select(n => n.InterfaceIndex).ToArray());
    }

    [NetworkFact]
    public async Task Read_AddressAdded_IsADifferentInventory()
    {
        await using var lab = NetworkLab.Create("instance");
        var host = lab["instance"];
        var reader = ReaderIn(host);
        var before = await reader.ReadAsync(CancellationToken.None);

        host.AddAddress("2001:2::100/64");
        var after = await reader.ReadAsync(CancellationToken.None);

        Assert.False(before.SameAs(after));
        Assert.True(after.SameAs(await reader.ReadAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Read_IpMissing_ThrowsInventoryExceptionNamingTheCommand()
    {
        var reader = new InventoryReader(new CommandRunner(null, TimeProvider.System), "/nonexistent/ip");

        var error = await Assert.ThrowsAsync<InventoryException>(() => reader.ReadAsync(CancellationToken.None));

        Assert.Contains("/nonexistent/ip -j addr show", error.Message, StringComparison.Ordinal);
    }

    private static InventoryReader ReaderIn(LabHost host) =>
        new(new CommandRunner(["ip", "netns", "exec", host.Name], TimeProvider.System), "ip");
}
