using Palisade.Agent.Firewall;

namespace Palisade.Agent.Tests;

public sealed class NftFirewallTests
{
    private const string Metainfo = """{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}""";

    [Fact]
    public void ListsTable_ChainListingWithTheTablesChains_True()
    {
        var json = $$$"""{"nftables": [{{{Metainfo}}}, {"chain": {"family": "inet", "table": "palisade_ct", "name": "input", "handle": 1}}, {"chain": {"family": "inet", "table": "palisade", "name": "input", "handle": 1}}]}""";

        Assert.True(NftFirewall.ListsTable(json, "palisade"));
    }

    [Fact]
    public void ListsTable_OnlyTheTimeoutTablesChains_False()
    {
        // palisade_ct outlives the filter table on purpose; its chains must not make the agent think its table is there.
        var json = $$$"""{"nftables": [{{{Metainfo}}}, {"chain": {"family": "inet", "table": "palisade_ct", "name": "input", "handle": 1}}, {"chain": {"family": "ip", "table": "palisade", "name": "input", "handle": 1}}]}""";

        Assert.False(NftFirewall.ListsTable(json, "palisade"));
    }

    [Fact]
    public void ListsTable_TableListing_StillUnderstood()
    {
        var json = $$$"""{"nftables": [{{{Metainfo}}}, {"table": {"family": "inet", "name": "palisade", "handle": 3}}]}""";

        Assert.True(NftFirewall.ListsTable(json, "palisade"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"tables": []}""")]
    public void ListsTable_NotNftJson_Null(string output)
    {
        Assert.Null(NftFirewall.ListsTable(output, "palisade"));
    }
}
