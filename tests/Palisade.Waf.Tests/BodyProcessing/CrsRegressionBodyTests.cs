using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

/// <summary>Runs every request body of the CRS v4.28.0 regression tests through the processor its Content-Type calls for.</summary>
public sealed class CrsRegressionBodyTests
{
    private static List<CrsBody> WithContentType(Func<string, bool> predicate) =>
        [.. CrsRegressionBodies.All.Where(b => b.ContentType is not null && predicate(b.ContentType))];

    private static List<CrsBody> Multipart => WithContentType(c => c.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    private static RequestBodyResult Run(BodyProcessorKind kind, CrsBody body) =>
        RequestBodyProcessor.Process(kind, body.Data, body.ContentType, BodyLimits.Default);

    private static CrsBody Body(string name) => CrsRegressionBodies.All.Single(b => b.Name == name);

    [Fact]
    public void MultipartBodies_OnlyTheDeliberatelyBrokenOnesFail()
    {
        var bodies = Multipart;
        var failing = bodies.Where(b => Run(BodyProcessorKind.Multipart, b).HasError).Select(b => b.Name).ToList();

        Assert.True(bodies.Count >= 150, $"only {bodies.Count} multipart bodies found");
        Assert.Equal(
            [
                "920120-39", // name="": no part name
                "920400-1", // go-ftw template text instead of headers
                "920400-2",
                "922130-5", // "Content-!Disposition" is no Content-Disposition
                "922130-8", // a part with no headers at all
                "932180-3", // second part without headers
            ],
            failing);
    }

    [Fact]
    public void MultipartBodies_WellFormedOnesYieldTheirParts()
    {
        foreach (var body in Multipart)
        {
            var result = Run(BodyProcessorKind.Multipart, body);
            if (result.HasError || body.Name == "922110-19")
            {
                continue;
            }

            Assert.True(result.Arguments.Count + result.Files.Count > 0, body.Name);

            // go-ftw sends the YAML's LF line endings, which ModSecurity flags.
            Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.LfLine), body.Name);
        }
    }

    [Fact]
    public void Multipart922100_CharsetPartVisibleToRule()
    {
        var result = Run(BodyProcessorKind.Multipart, Body("922100-1"));

        Assert.Contains(result.MultipartPartHeaders, h => h.Name == "_charset_");
        Assert.Contains(new BodyArgument("_charset_", "utf-7"), result.Arguments);
    }

    [Fact]
    public void Multipart922110_PartContentTypeHeaderLineExposed()
    {
        var result = Run(BodyProcessorKind.Multipart, Body("922110-1"));

        Assert.Contains(new BodyArgument("username", "Content-Type: text/plain; charset=utf-7"), result.MultipartPartHeaders);
        Assert.Equal([new("username", "+ADw-img+ACA-src+AD0-x+AD4-")], result.Arguments);
    }

    [Fact]
    public void JsonBodies_AllButTheNonJsonOneParseWithModSecurityNames()
    {
        var bodies = WithContentType(c => c.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
        var failing = new List<string>();
        foreach (var body in bodies)
        {
            var result = Run(BodyProcessorKind.Json, body);
            if (result.HasError)
            {
                failing.Add(body.Name);
            }

            Assert.All(result.Arguments, a => Assert.StartsWith("json", a.Name, StringComparison.Ordinal));
        }

        Assert.True(bodies.Count >= 300, $"only {bodies.Count} JSON bodies found");
        Assert.Equal(["920420-9"], failing); // the body is the word "test"
    }

    [Fact]
    public void Json942362_KeyWithNonWordPrefixNamedAfterJsonDot()
    {
        var result = Run(BodyProcessorKind.Json, Body("942362-33"));

        Assert.Equal([new("json.; select", "foo")], result.Arguments);
    }

    [Fact]
    public void XmlBodies_AllButTheBrokenOnesParse()
    {
        var bodies = WithContentType(c => c.Contains("xml", StringComparison.OrdinalIgnoreCase));
        var failing = bodies.Where(b => Run(BodyProcessorKind.Xml, b).HasError).Select(b => b.Name).ToList();

        Assert.True(bodies.Count >= 100, $"only {bodies.Count} XML bodies found");
        Assert.Equal(
            [
                "920240-3", // the YAML block keeps its backslash-escaped quotes
                "920420-10", // the body is the word "test"
            ],
            failing);
    }

    [Fact]
    public void Xml931100_AttributeProbeReachesXmlAttributes()
    {
        var values = new List<string>();

        Run(BodyProcessorKind.Xml, Body("931100-5")).Xml!.Select(XmlPath.Parse("//@*"), values);

        Assert.Equal(["http://66.240.183.75/crash.php"], values);
    }
}
