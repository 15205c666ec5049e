namespace Palisade.Core.Tests;

public sealed class ResourceIdsTests
{
    [Fact]
    public void New_PrefixAndTwentyLowercaseLettersOrDigits_Unique()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => ResourceIds.New(ResourceIds.SecurityGroupPrefix)).ToList();

        Assert.All(ids, id => Assert.Matches("^sg-[a-z0-9]{20}$", id));
        Assert.All(ids, id => Assert.True(ResourceIds.IsWellFormed(id, ResourceIds.SecurityGroupPrefix)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("sg-web", "sg-", true)]
    [InlineData("sg-a-b-1", "sg-", true)]
    [InlineData("sg-", "sg-", false)]
    [InlineData("sg", "sg-", false)]
    [InlineData(null, "sg-", false)]
    [InlineData("pl-abc", "sg-", false)]
    [InlineData("SG-abc", "sg-", false)]
    [InlineData("sg-a b", "sg-", false)]
    [InlineData("sg-a_b", "sg-", false)]
    [InlineData("sg-ä", "sg-", false)]
    [InlineData("pl-abc", "pl-", true)]
    public void IsWellFormed_ChecksPrefixAndAlphabet(string? id, string prefix, bool expected)
    {
        Assert.Equal(expected, ResourceIds.IsWellFormed(id, prefix));
    }

    [Fact]
    public void IsWellFormed_LongerThan64_Rejected()
    {
        Assert.True(ResourceIds.IsWellFormed("sg-" + new string('a', 61), "sg-"));
        Assert.False(ResourceIds.IsWellFormed("sg-" + new string('a', 62), "sg-"));
    }
}
