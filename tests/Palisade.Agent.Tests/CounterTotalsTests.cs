using Palisade.Agent.Firewall;
using Palisade.Agent.State;
using Palisade.Contracts.Agent;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.Agent.Tests;

public sealed class CounterTotalsTests
{
    private static readonly CounterBinding[] Bindings =
    [
        new("r_a", "sgr-a", ""),
        new("r_b", "sgr-b", ""),
        new("n0_in_default", "default-ingress", "eth0"),
        new("n1_in_default", "default-ingress", "eth1"),
    ];

    [Fact]
    public void FromKernel_CountersOfBoundNames_AreNamedByRuleAndDevice()
    {
        var totals = CounterTotals.FromKernel(
            [new NftCounterValue("r_a", 5, 300), new NftCounterValue("n1_in_default", 2, 80), new NftCounterValue("unknown", 9, 9)],
            Bindings);

        Assert.Equal((5L, 300L), totals.Get("sgr-a"));
        Assert.Equal((2L, 80L), totals.Get("default-ingress", "eth1"));
        Assert.Equal((0L, 0L), totals.Get("default-ingress", "eth0"));
        Assert.Equal(2, totals.Count);
    }

    [Fact]
    public void Add_CarriedAndLive_SumsPerRuleAndDevice()
    {
        var carried = CounterTotals.From([new RuleCounter { Name = "sgr-a", Packets = 10, Bytes = 1000 }]);
        var live = CounterTotals.FromKernel([new NftCounterValue("r_a", 3, 180), new NftCounterValue("r_b", 1, 60)], Bindings);

        var total = carried.Add(live);

        Assert.Equal((13L, 1180L), total.Get("sgr-a"));
        Assert.Equal((1L, 60L), total.Get("sgr-b"));
        Assert.Equal((10L, 1000L), carried.Get("sgr-a"));
    }

    [Fact]
    public void Add_NearMaximum_SaturatesInsteadOfWrapping()
    {
        var big = CounterTotals.From([new RuleCounter { Name = "sgr-a", Packets = long.MaxValue - 1, Bytes = 1 }]);

        var total = big.Add([new RuleCounter { Name = "sgr-a", Packets = 5, Bytes = 1 }]);

        Assert.Equal((long.MaxValue, 2L), total.Get("sgr-a"));
    }

    [Fact]
    public void ToList_IsOrderedByNameThenDeviceWithNullForAllDevices()
    {
        var totals = CounterTotals.FromKernel(
            [new NftCounterValue("n1_in_default", 1, 1), new NftCounterValue("r_b", 2, 2), new NftCounterValue("n0_in_default", 3, 3)], Bindings);

        var list = totals.ToList();

        Assert.Equal(
            [("default-ingress", "eth0"), ("default-ingress", "eth1"), ("sgr-b", null)],
            list.Select(c => (c.Name, c.DeviceName)).ToArray());
    }

    [Fact]
    public void Retain_RuleNoLongerBound_DropsItsTotalsAndKeepsTheOthers()
    {
        var totals = CounterTotals.From(
        [
            new RuleCounter { Name = "sgr-a", Packets = 1, Bytes = 1 },
            new RuleCounter { Name = "sgr-gone", Packets = 2, Bytes = 2 },
            new RuleCounter { Name = "default-ingress", DeviceName = "eth1", Packets = 3, Bytes = 3 },
        ]);

        var kept = totals.Retain(Bindings);

        Assert.Equal([("default-ingress", "eth1"), ("sgr-a", null)], kept.ToList().Select(c => (c.Name, c.DeviceName)).ToArray());
    }

    [Fact]
    public void SameAs_EqualAndDifferentValues_AreTold()
    {
        var a = CounterTotals.From([new RuleCounter { Name = "x", Packets = 1, Bytes = 2 }]);
        var b = CounterTotals.From([new RuleCounter { Name = "x", Packets = 1, Bytes = 2 }]);
        var c = CounterTotals.From([new RuleCounter { Name = "x", Packets = 2, Bytes = 2 }]);

        Assert.True(a.SameAs(b));
        Assert.False(a.SameAs(c));
        Assert.False(a.SameAs(CounterTotals.Empty));
    }
}
