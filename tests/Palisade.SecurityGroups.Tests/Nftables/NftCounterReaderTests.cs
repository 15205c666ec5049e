using Palisade.SecurityGroups.Nftables;

namespace Palisade.SecurityGroups.Tests.Nftables;

public sealed class NftCounterReaderTests
{
    [Fact]
    public void Parse_NftListCountersJson_ReturnsEveryNamedCounter()
    {
        const string Json = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
             {"counter": {"family": "inet", "name": "r_sgr-a", "table": "palisade", "handle": 3, "packets": 5, "bytes": 300}},
             {"counter": {"family": "inet", "name": "nic0_in_default", "table": "palisade", "handle": 4, "packets": 0, "bytes": 0}},
             {"counter": {"family": "inet", "name": "big", "table": "palisade", "handle": 5, "packets": 9007199254740993, "bytes": 9223372036854775807}}]}
            """;

        var counters = NftCounterReader.Parse(Json);

        Assert.Equal(
            [new NftCounterValue("r_sgr-a", 5, 300), new NftCounterValue("nic0_in_default", 0, 0), new NftCounterValue("big", 9007199254740993, long.MaxValue)],
            counters);
    }

    [Fact]
    public void Parse_EmptyTable_ReturnsNoCounters()
    {
        Assert.Empty(NftCounterReader.Parse("""{"nftables": [{"metainfo": {"version": "1.0.6"}}]}"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"nftables": [{"counter": {"name": "x"}}]}""")]
    [InlineData("""{"nftables": [{"counter": {"name": "x", "packets": "many", "bytes": 1}}]}""")]
    public void Parse_NotNftCounterJson_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => NftCounterReader.Parse(text));
    }
}
