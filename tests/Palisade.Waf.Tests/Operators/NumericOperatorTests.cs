using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class NumericOperatorTests
{
    [Theory]
    [InlineData(OperatorName.Eq, "5", "5", true)]
    [InlineData(OperatorName.Eq, "5", "6", false)]
    [InlineData(OperatorName.Ge, "5", "5", true)]
    [InlineData(OperatorName.Ge, "5", "4", false)]
    [InlineData(OperatorName.Gt, "5", "6", true)]
    [InlineData(OperatorName.Gt, "5", "5", false)]
    [InlineData(OperatorName.Le, "5", "5", true)]
    [InlineData(OperatorName.Le, "5", "6", false)]
    [InlineData(OperatorName.Lt, "5", "4", true)]
    [InlineData(OperatorName.Lt, "5", "5", false)]
    [InlineData(OperatorName.Lt, "-3", "-4", true)]
    public void Compare_Numbers_ComparesInputWithArgument(OperatorName name, string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(name, argument, input));
    }

    [Theory]
    [InlineData("12abc", 12)]
    [InlineData("  \t7", 7)]
    [InlineData("+8", 8)]
    [InlineData("-0", 0)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("- 5", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("2147483648", 0)]
    [InlineData("99999999999999999999", 0)]
    [InlineData("1.9", 1)]
    public void Eq_InputReadLikeStoi_SeesExpectedNumber(string input, int expected)
    {
        var argument = expected.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Matches(OperatorName.Eq, argument, input));
        Assert.False(Matches(OperatorName.Eq, argument, "1" + argument.TrimStart('-') + "1"));
    }

    [Fact]
    public void Eq_ArgumentNotANumber_ComparesWithZero()
    {
        Assert.True(Matches(OperatorName.Eq, "nonsense", "0"));
        Assert.False(Matches(OperatorName.Eq, "nonsense", "1"));
    }
}
