using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

/// <summary>Laws that must hold for any input, checked on seeded random byte strings.</summary>
public sealed class TransformationPropertyTests
{
    private const int Rounds = 3_000;

    [Theory]
    [MemberData(nameof(AllNames), MemberType = typeof(TransformationTestSupport))]
    public void TryApply_RandomInput_ReportsChangeExactlyWhenValueDiffers(TransformationName name)
    {
        var transformation = Transformation.Get(name);
        var random = new Random(1000 + (int)name);
        for (var round = 0; round < Rounds; round++)
        {
            var input = RandomByteString(random, 48);

            var changed = transformation.TryApply(input, out var output);

            Assert.Equal(changed, !string.Equals(input, output, StringComparison.Ordinal));
            if (!changed)
            {
                Assert.Same(input, output);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllNames), MemberType = typeof(TransformationTestSupport))]
    public void Apply_RandomByteString_GivesByteStringWithinAnnouncedLength(TransformationName name)
    {
        var transformation = Transformation.Get(name);
        var random = new Random(2000 + (int)name);
        for (var round = 0; round < Rounds; round++)
        {
            var input = RandomByteString(random, 64);

            var output = transformation.Apply(input);

            Assert.True(output.Length <= transformation.MaxOutputLength(input.Length), $"{name}: {output.Length} chars from {input.Length}");
            Assert.False(output.AsSpan().ContainsAnyExceptInRange('\0', '\u00ff'), $"{name} produced a char above 255");
        }
    }

    [Theory]
    [InlineData(TransformationName.Lowercase)]
    [InlineData(TransformationName.Uppercase)]
    [InlineData(TransformationName.RemoveNulls)]
    [InlineData(TransformationName.ReplaceNulls)]
    [InlineData(TransformationName.RemoveWhitespace)]
    [InlineData(TransformationName.CompressWhitespace)]
    [InlineData(TransformationName.Trim)]
    [InlineData(TransformationName.CmdLine)]
    public void Apply_Twice_GivesSameAsOnce(TransformationName name)
    {
        var transformation = Transformation.Get(name);
        var random = new Random(3000 + (int)name);
        for (var round = 0; round < Rounds; round++)
        {
            var once = transformation.Apply(RandomByteString(random, 48));

            Assert.Equal(once, transformation.Apply(once));
        }
    }

    [Theory]
    [InlineData(TransformationName.UrlEncode, TransformationName.UrlDecode)]
    [InlineData(TransformationName.UrlEncode, TransformationName.UrlDecodeUni)]
    [InlineData(TransformationName.HexEncode, TransformationName.HexDecode)]
    [InlineData(TransformationName.Base64Encode, TransformationName.Base64Decode)]
    [InlineData(TransformationName.Base64Encode, TransformationName.Base64DecodeExt)]
    public void Decode_AfterEncode_GivesOriginalBytes(TransformationName encode, TransformationName decode)
    {
        var pipeline = TransformationPipeline.Create(encode, decode);
        var random = new Random(4000 + (int)encode + (int)decode);
        for (var round = 0; round < Rounds; round++)
        {
            var input = RandomByteString(random, 48);

            Assert.Equal(input, pipeline.Apply(input));
        }
    }

    [Fact]
    public void Utf8ToUnicode_ValidUtf8_EqualsCodePointsAsPercentU()
    {
        var random = new Random(5000);
        for (var round = 0; round < Rounds; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(12)).Select(_ => char.ConvertFromUtf32(RandomScalar(random))));
            var expected = string.Concat(text.EnumerateRunes().Select(r => r.Value < 0x80 ? ((char)r.Value).ToString() : $"%u{r.Value:x4}"));

            Assert.Equal(expected, Transformation.Get(TransformationName.Utf8ToUnicode).Apply(ByteText.FromRuleText(text)));
        }
    }

    private static int RandomScalar(Random random)
    {
        while (true)
        {
            var value = random.Next(4) switch { 0 => random.Next(1, 0x80), 1 => random.Next(0x80, 0x800), 2 => random.Next(0x800, 0x10000), _ => random.Next(0x10000, 0x110000) };
            if (value is < 0xD800 or > 0xDFFF)
            {
                return value;
            }
        }
    }
}
