using Palisade.Agent.ControlPlane;
using Palisade.Contracts.Agent;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.Tests;

public sealed class DesiredStateCheckTests
{
    private static readonly string Digest = new('c', 64);

    [Fact]
    public void Check_GoodAnswer_GivesTheDesiredState()
    {
        var (state, problem) = DesiredStateCheck.Check(Answer(), "i-1");

        Assert.Null(problem);
        Assert.Equal(("i-1", 4L, Digest), (state!.InstanceId, state.Revision, state.Digest));
    }

    public static TheoryData<string, string> Surprises => new()
    {
        { "no policy", "Policy" },
        { "bad digest", "Digest" },
        { "other instance", "instance" },
        { "negative revision", "negative" },
        { "missing arrays", "lacks" },
    };

    [Theory]
    [MemberData(nameof(Surprises))]
    public void Check_SurprisingAnswer_IsRefusedWithAReason(string surprise, string reasonMentions)
    {
        var answer = surprise switch
        {
            "no policy" => Answer() with { Policy = null },
            "bad digest" => Answer() with { Digest = "not-hex" },
            "other instance" => Answer() with { Policy = new InstancePolicy { InstanceId = "i-2" } },
            "negative revision" => Answer() with { Revision = -1 },
            _ => Answer() with { Policy = new InstancePolicy { InstanceId = "i-1", Nics = default } },
        };

        var (state, problem) = DesiredStateCheck.Check(answer, "i-1");

        Assert.Null(state);
        Assert.Contains(reasonMentions, problem, StringComparison.Ordinal);
    }

    private static AgentDesiredStateResponse Answer() => new()
    {
        InstanceId = "i-1",
        Revision = 4,
        Digest = Digest,
        Policy = new InstancePolicy { InstanceId = "i-1", Revision = 4 },
    };
}
