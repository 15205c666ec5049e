namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Transformation pipelines as rules run them: in the order written, after SecDefaultAction's own unless the rule
/// says t:none ("remove all transformation functions associated with the current rule"), and with multiMatch
/// testing the value before and after every transformation.
/// </summary>
public sealed class TransformationThroughEngineTests
{
    [Fact]
    public void Pipeline_SeveralTransformations_AppliedInOrder()
    {
        const string Rules = """
            SecRule ARGS:v "@streq select * from" "id:1,phase:1,t:none,t:urlDecodeUni,t:lowercase,t:compressWhitespace,pass,nolog"
            SecRule ARGS:v "@eq 13" "id:2,phase:1,t:none,t:urlDecodeUni,t:compressWhitespace,t:length,pass,nolog"
            """;

        // ARGS:v is "SELECT%20 *\tFROM" after the query string's own decoding of %2520 and %09.
        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=SELECT%2520%20*%09FROM"));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }

    [Fact]
    public void DefaultActionTransformations_RuleWithoutNone_Inherited()
    {
        const string Rules = """
            SecDefaultAction "phase:1,log,pass,t:lowercase"
            SecRule ARGS:v "@streq select" "id:1,phase:1,nolog"
            SecRule ARGS:v "@streq select" "id:2,phase:1,nolog,t:none"
            SecRule ARGS:v "@streq SELECT" "id:3,phase:1,nolog,t:none"
            SecRule ARGS:v "@streq SELECT" "id:4,phase:1,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=SELECT"));

        Assert.Equal([1, 3], transaction.MatchedIds());
    }

    [Fact]
    public void NoneInTheMiddle_EarlierTransformationsDropped()
    {
        const string Rules = """
            SecRule ARGS:v "@streq <B>" "id:1,phase:1,t:lowercase,t:none,t:htmlEntityDecode,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=%26lt%3BB%26gt%3B"));

        Assert.Equal([1], transaction.MatchedIds());
    }

    [Fact]
    public void MultiMatch_OnlyTheRawValueMatches_RuleMatches()
    {
        // multiMatch: "perform multiple operator invocations for every target, before and after every anti-evasion
        // transformation is performed"; without it only the final value is tested.
        const string Rules = """
            SecRule REQUEST_HEADERS:X-Value "@streq %41B" "id:1,phase:1,t:none,t:urlDecode,pass,nolog,multiMatch"
            SecRule REQUEST_HEADERS:X-Value "@streq %41B" "id:2,phase:1,t:none,t:urlDecode,pass,nolog"
            SecRule REQUEST_HEADERS:X-Value "@streq ab" "id:3,phase:1,t:none,t:urlDecode,t:lowercase,pass,nolog,multiMatch"
            SecRule REQUEST_HEADERS:X-Value "@streq AB" "id:4,phase:1,t:none,t:urlDecode,t:lowercase,pass,nolog,multiMatch"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithHeader("X-Value", "%41B"));

        Assert.Equal([1, 3, 4], transaction.MatchedIds());
    }

    [Fact]
    public void Transformations_DoNotChangeTheStoredValue_NextRuleSeesItRaw()
    {
        const string Rules = """
            SecRule ARGS:v "@streq abc" "id:1,phase:1,t:lowercase,pass,nolog"
            SecRule ARGS:v "@streq ABC" "id:2,phase:1,t:none,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=ABC"));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }
}
