namespace Palisade.TestSupport.Tests;

public sealed class NetworkSkipTests
{
    [Fact]
    public void Reason_Unsupported_OutsideCi_SkipsWithTheReason()
    {
        var reason = NetworkSkip.Reason("network labs need root; running as uid 1000", [], continuousIntegration: false);

        Assert.Equal("Network lab unavailable: network labs need root; running as uid 1000", reason);
    }

    [Fact]
    public void Reason_Unsupported_InCi_RunsSoTheTestFailsLoudly()
    {
        Assert.Null(NetworkSkip.Reason("no nft", ["hping3"], continuousIntegration: true));
    }

    [Fact]
    public void Reason_MissingTool_NamesThePackageToInstall()
    {
        Assert.Equal("Needs hping3: apt-get install -y hping3", NetworkSkip.Reason(null, ["hping3"], continuousIntegration: false));
    }

    [Fact]
    public void Reason_Supported_Runs()
    {
        Assert.Null(NetworkSkip.Reason(null, [], continuousIntegration: false));
    }

    [Fact]
    public void NetworkFact_ExplicitSkip_WinsOverTheProbe()
    {
        var attribute = new NetworkFactAttribute { Skip = "by hand" };

        Assert.Equal("by hand", attribute.Skip);
    }
}
