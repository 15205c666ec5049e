using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

/// <summary>Hostile input: no exception, bounded output, and no allocation when nothing changes.</summary>
public sealed class TransformationRobustnessTests
{
    [Fact]
    public void Apply_FuzzedInputsThroughEveryTransformation_NeverThrows()
    {
        var random = new Random(6000);
        var names = Enum.GetValues<TransformationName>();
        for (var round = 0; round < 20_000; round++)
        {
            var input = round % 10 == 0 ? RandomWideString(random) : RandomByteString(random, 96);
            var name = names[random.Next(names.Length)];

            var output = Transformation.Get(name).Apply(input);

            Assert.NotNull(output);
        }
    }

    [Theory]
    [MemberData(nameof(AllNames), MemberType = typeof(TransformationTestSupport))]
    public void Apply_LargeValue_Completes(TransformationName name)
    {
        var input = string.Concat(Enumerable.Repeat("%u0041\\x41&#65;/*a*/0x41 ../\u00c3\u00a9\0", 20_000));

        var output = Transformation.Get(name).Apply(input);

        Assert.True(output.Length <= Transformation.Get(name).MaxOutputLength(input.Length));
    }

    [Fact]
    public void TryApply_CommonPipelineOnCleanValue_AllocatesNothing()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.UrlDecodeUni, TransformationName.JsDecode, TransformationName.HtmlEntityDecode,
            TransformationName.CssDecode, TransformationName.Lowercase, TransformationName.RemoveNulls, TransformationName.Utf8ToUnicode,
            TransformationName.NormalizePath, TransformationName.CmdLine, TransformationName.RemoveWhitespace, TransformationName.ReplaceComments);
        const string Clean = "some_plain_value_1234";
        pipeline.TryApply(Clean, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            pipeline.TryApply(Clean, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TryApply_ChangedValue_AllocatesOnlyTheResult()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.UrlDecodeUni, TransformationName.HtmlEntityDecode, TransformationName.Lowercase);
        const string Input = "%3CSCRIPT%3E&lt;";
        pipeline.TryApply(Input, out var warm);

        var before = GC.GetAllocatedBytesForCurrentThread();
        pipeline.TryApply(Input, out var output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(warm, output);
        Assert.True(allocated <= 64, $"allocated {allocated} bytes for a {output.Length}-char result");
    }

    private static string RandomWideString(Random random)
    {
        var chars = new char[random.Next(40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }
}
