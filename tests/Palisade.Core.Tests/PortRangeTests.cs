using System.Text.Json;

namespace Palisade.Core.Tests;

public sealed class PortRangeTests
{
    [Theory]
    [InlineData("22/22", 22, 22)]
    [InlineData("22", 22, 22)]
    [InlineData(" 8000/8080 ", 8000, 8080)]
    [InlineData("1/65535", 1, 65535)]
    [InlineData("65535/65535", 65535, 65535)]
    [InlineData("-1/-1", -1, -1)]
    [InlineData("-1", -1, -1)]
    public void TryParse_ValidText_Range(string text, int start, int end)
    {
        Assert.True(PortRange.TryParse(text, out var range));

        Assert.Equal((start, end), (range.Start, range.End));
        Assert.Equal($"{start}/{end}", range.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("200/1")]
    [InlineData("0/5")]
    [InlineData("0/0")]
    [InlineData("0")]
    [InlineData("-1/5")]
    [InlineData("5/-1")]
    [InlineData("-2/-2")]
    [InlineData("1/65536")]
    [InlineData("65536")]
    [InlineData("22/")]
    [InlineData("/22")]
    [InlineData("22-23")]
    [InlineData("22/23/24")]
    [InlineData("22 / 23")]
    [InlineData("ssh")]
    [InlineData("1e3/2e3")]
    [InlineData("99999999999/1")]
    public void TryParse_MalformedText_Rejected(string? text)
    {
        Assert.False(PortRange.TryParse(text, out var range));
        Assert.Equal(default, range);
    }

    [Fact]
    public void Parse_MalformedText_ThrowsNamingValueAndAcceptedForms()
    {
        var error = Assert.Throws<FormatException>(() => PortRange.Parse("200/1"));

        Assert.Contains("'200/1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("-1/-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_MatchesEveryPortAndReportsFullBounds()
    {
        var any = PortRange.Any;

        Assert.True(any.IsAny);
        Assert.Equal(0, any.Low);
        Assert.Equal(65535, any.High);
        Assert.True(any.CoversAllPorts);
        Assert.True(any.Contains(0));
        Assert.True(any.Contains(65535));
        Assert.False(any.IsSinglePort);
    }

    [Fact]
    public void Range_ContainsOnlyItsPorts()
    {
        var range = PortRange.Create(8000, 8080);

        Assert.False(range.Contains(7999));
        Assert.True(range.Contains(8000));
        Assert.True(range.Contains(8080));
        Assert.False(range.Contains(8081));
        Assert.Equal(8000, range.Low);
        Assert.Equal(8080, range.High);
        Assert.False(range.CoversAllPorts);
        Assert.True(PortRange.AllPorts.CoversAllPorts);
        Assert.True(PortRange.Single(22).IsSinglePort);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(200, 1)]
    [InlineData(1, 65536)]
    [InlineData(-1, -1)]
    public void Create_OutOfRange_Throws(int start, int end)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortRange.Create(start, end));
    }

    [Fact]
    public void Json_RoundTripsAsStartSlashEnd()
    {
        var json = JsonSerializer.Serialize(new[] { PortRange.Single(22), PortRange.Any });

        Assert.Equal("[\"22/22\",\"-1/-1\"]", json);
        Assert.Equal([PortRange.Single(22), PortRange.Any], JsonSerializer.Deserialize<PortRange[]>(json)!);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PortRange>("\"200/1\""));
    }
}
