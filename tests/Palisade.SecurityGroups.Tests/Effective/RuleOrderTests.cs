using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Analysis.TestPolicies;

namespace Palisade.SecurityGroups.Tests.Effective;

public sealed class RuleOrderTests
{
    [Fact]
    public void Compare_ByPriorityThenDropThenAgeThenId()
    {
        var time = DateTimeOffset.UnixEpoch;
        var rules = new[]
        {
            Accept("r-e", "tcp", "22/22", "0.0.0.0/0", priority: 2) with { CreationTime = time },
            Accept("r-d", "tcp", "22/22", "0.0.0.0/0", priority: 1) with { CreationTime = time.AddDays(1) },
            Accept("r-c", "tcp", "22/22", "0.0.0.0/0", priority: 1) with { CreationTime = time },
            Accept("r-b", "tcp", "22/22", "0.0.0.0/0", priority: 1) with { CreationTime = time },
            Drop("r-z", "tcp", "22/22", "0.0.0.0/0", priority: 1) with { CreationTime = time.AddDays(9) },
        };

        var ordered = rules.Order(RuleOrder.Instance).Select(r => r.SecurityGroupRuleId);

        Assert.Equal(["r-z", "r-b", "r-c", "r-d", "r-e"], ordered);
    }

    [Fact]
    public void Compare_NullsAndSameInstance()
    {
        var rule = Accept("r-1", "tcp", "22/22", "0.0.0.0/0");

        Assert.Equal(0, RuleOrder.Instance.Compare(rule, rule));
        Assert.True(RuleOrder.Instance.Compare(null, rule) < 0);
        Assert.True(RuleOrder.Instance.Compare(rule, null) > 0);
        Assert.Equal(0, RuleOrder.Instance.Compare(null, null));
    }

    [Fact]
    public void Compare_IsAntisymmetricOnRandomRules()
    {
        var random = new Random(9);
        var rules = Enumerable.Range(0, 60).Select(i => (random.Next(2) == 0 ? Accept($"r-{i}", "tcp", "22/22", "0.0.0.0/0", random.Next(1, 4)) : Drop($"r-{i}", "tcp", "22/22", "0.0.0.0/0", random.Next(1, 4)))
            with { CreationTime = DateTimeOffset.UnixEpoch.AddSeconds(random.Next(3)) }).ToList();

        foreach (var a in rules)
        {
            foreach (var b in rules)
            {
                Assert.Equal(Math.Sign(RuleOrder.Instance.Compare(a, b)), -Math.Sign(RuleOrder.Instance.Compare(b, a)));
            }
        }
    }

    [Fact]
    public void IsSameRuleAs_IgnoresDescriptionIdAndTime()
    {
        var rule = Accept("r-1", "tcp", "22/22", "0.0.0.0/0");

        Assert.True(rule.IsSameRuleAs(rule with { SecurityGroupRuleId = "r-2", Description = "other", CreationTime = DateTimeOffset.UnixEpoch }));
        Assert.False(rule.IsSameRuleAs(rule with { Priority = 2 }));
        Assert.False(rule.IsSameRuleAs(rule with { Policy = RulePolicy.Drop }));
        Assert.False(rule.IsSameRuleAs(rule.WithSourcePorts("1/2")));
        Assert.False(rule.IsSameRuleAs(rule with { NicType = NicType.Internet }));
    }
}
