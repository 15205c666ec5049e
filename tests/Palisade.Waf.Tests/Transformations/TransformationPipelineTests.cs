using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Transformations;

public sealed class TransformationPipelineTests
{
    [Fact]
    public void Apply_SeveralSteps_RunsThemInOrder()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.UrlDecodeUni, TransformationName.HtmlEntityDecode, TransformationName.Lowercase);

        Assert.Equal("<script>", pipeline.Apply("%26LT%3BSCRIPT%26gt;"));
    }

    [Fact]
    public void Create_NoneInTheList_DropsEveryEarlierStep()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.Lowercase, TransformationName.None, TransformationName.UrlDecode);

        Assert.Equal([TransformationName.UrlDecode], pipeline.Names);
        Assert.Equal("ABC D", pipeline.Apply("ABC+D"));
    }

    [Fact]
    public void Create_SameListTwice_ReturnsSameInstance()
    {
        var first = TransformationPipeline.Create(TransformationName.UrlDecodeUni, TransformationName.Lowercase);
        var second = TransformationPipeline.Parse(["urldecodeuni", "LOWERCASE"]);

        Assert.Same(first, second);
        Assert.Equal("urlDecodeUni,lowercase", first.Key);
    }

    [Fact]
    public void Create_OnlyNone_ReturnsEmptyPipeline()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.None);

        Assert.Same(TransformationPipeline.Empty, pipeline);
        Assert.True(pipeline.IsEmpty);
        Assert.Equal("t:none", pipeline.ToString());
    }

    [Fact]
    public void TryApply_NoStepChangesValue_ReturnsFalseAndSameInstance()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.UrlDecodeUni, TransformationName.Lowercase, TransformationName.RemoveNulls);
        const string Input = "already plain";

        Assert.False(pipeline.TryApply(Input, out var output));
        Assert.Same(Input, output);
    }

    [Fact]
    public void TryApply_StepGrowsValue_UsesLargerBuffer()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.UrlEncode, TransformationName.HexEncode, TransformationName.Length);

        // "<>" → "%3c%3e" (6 chars) → 12 hex digits → "12".
        Assert.Equal("12", pipeline.Apply("<>"));
    }

    [Fact]
    public void ApplyStepwise_SomeStepsChangeValue_ListsInputAndEachChangedValue()
    {
        var pipeline = TransformationPipeline.Create(TransformationName.Lowercase, TransformationName.UrlDecode, TransformationName.RemoveNulls);

        var values = pipeline.ApplyStepwise("%41b");

        Assert.Equal(["%41b", "Ab"], values);
    }

    [Fact]
    public void TryApply_RandomValues_EqualsApplyingStepsOneByOne()
    {
        var names = new[] { TransformationName.UrlDecodeUni, TransformationName.JsDecode, TransformationName.HtmlEntityDecode, TransformationName.CssDecode, TransformationName.Lowercase, TransformationName.RemoveWhitespace };
        var pipeline = TransformationPipeline.Create(names);
        var random = new Random(1234);
        for (var round = 0; round < 2_000; round++)
        {
            var input = TransformationTestSupport.RandomByteString(random, 40);
            var expected = input;
            foreach (var name in names)
            {
                expected = Transformation.Get(name).Apply(expected);
            }

            Assert.Equal(expected, pipeline.Apply(input));
        }
    }
}
