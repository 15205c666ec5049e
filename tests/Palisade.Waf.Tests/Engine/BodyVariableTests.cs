using System.Text;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// What the body processors put in front of phase 2 rules: FILES*, MULTIPART_* flags, REQBODY_ERROR /
/// REQBODY_ERROR_MSG / REQBODY_PROCESSOR, JSON arguments and the XML targets (reference manual, "Variables";
/// ModSecurity's recommended base configuration rules 200000–200004 rely on them).
/// </summary>
public sealed class BodyVariableTests
{
    private const string SelectJson = """
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:90,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        """;

    private const string SelectXml = """
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application|text)/xml" "id:91,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        """;

    private static readonly byte[] Upload = EngineExchange.Multipart(
        ("Content-Disposition: form-data; name=\"comment\"", "hello"),
        ("Content-Disposition: form-data; name=\"upload\"; filename=\"shell.php\"\nContent-Type: application/x-php", "<?php echo 1; ?>"));

    [Fact]
    public void Multipart_FormFieldAndFile_FilesFamilyAndArgsPost()
    {
        const string Rules = """
            SecRequestBodyAccess On
            SecRule ARGS_POST:comment "@streq hello" "id:1,phase:2,pass,nolog"
            SecRule &ARGS_POST "@eq 1" "id:2,phase:2,pass,nolog"
            SecRule FILES:upload "@streq shell.php" "id:3,phase:2,pass,nolog"
            SecRule FILES_NAMES "@streq upload" "id:4,phase:2,pass,nolog"
            SecRule FILES_SIZES:upload "@eq 16" "id:5,phase:2,pass,nolog"
            SecRule FILES_COMBINED_SIZE "@eq 16" "id:6,phase:2,pass,nolog"
            SecRule MULTIPART_FILENAME "@streq shell.php" "id:7,phase:2,pass,nolog"
            SecRule MULTIPART_NAME "@streq comment" "id:8,phase:2,pass,nolog"
            SecRule MULTIPART_PART_HEADERS:upload "@rx ^content-type: application/x-php$" "id:9,phase:2,t:lowercase,pass,nolog"
            SecRule FILES_TMP_CONTENT:upload "@contains <?php" "id:10,phase:2,pass,nolog"
            SecRule REQBODY_PROCESSOR "@streq MULTIPART" "id:11,phase:2,pass,nolog"
            SecRule MULTIPART_STRICT_ERROR "@eq 0" "id:12,phase:2,pass,nolog"
            SecRule REQBODY_ERROR "@eq 0" "id:13,phase:2,pass,nolog"
            SecRule &FILES "@eq 0" "id:14,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/upload", EngineExchange.MultipartType, Upload));

        Assert.Equal([14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], transaction.MatchedIds());
    }

    [Fact]
    public void Multipart_LfOnlyLines_LfLineAndStrictErrorFlags()
    {
        // MULTIPART_LF_LINE: lines end in LF only; MULTIPART_STRICT_ERROR is set whenever one of the flags is.
        var body = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Upload).Replace("\r\n", "\n", StringComparison.Ordinal));
        const string Rules = """
            SecRequestBodyAccess On
            SecRule MULTIPART_LF_LINE "@eq 1" "id:1,phase:2,pass,nolog"
            SecRule MULTIPART_STRICT_ERROR "@eq 1" "id:2,phase:2,pass,nolog"
            SecRule MULTIPART_CRLF_LF_LINES "@eq 0" "id:3,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/upload", EngineExchange.MultipartType, body));

        Assert.Equal([1, 2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void Multipart_DataBeforeFirstBoundary_DataBeforeFlag()
    {
        var body = Encoding.ASCII.GetBytes("preamble text\r\n" + Encoding.ASCII.GetString(Upload));
        const string Rules = """
            SecRequestBodyAccess On
            SecRule MULTIPART_DATA_BEFORE "@eq 1" "id:1,phase:2,pass,nolog"
            SecRule MULTIPART_STRICT_ERROR "@eq 1" "id:2,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/upload", EngineExchange.MultipartType, body));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }

    [Fact]
    public void Multipart_FinalBoundaryMissing_RequestBodyError()
    {
        var text = Encoding.ASCII.GetString(Upload);
        var body = Encoding.ASCII.GetBytes(text[..text.LastIndexOf("--" + EngineExchange.Boundary, StringComparison.Ordinal)]);
        const string Rules = """
            SecRequestBodyAccess On
            SecRule REQBODY_ERROR "@eq 1" "id:1,phase:2,pass,log,logdata:'%{REQBODY_ERROR_MSG}'"
            SecRule MULTIPART_STRICT_ERROR "@eq 1" "id:2,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/upload", EngineExchange.MultipartType, body));

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.StartsWith("Multipart", transaction.DataOf(1), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Json_NestedObject_ArgumentsNamedByPathInPhase2Only()
    {
        const string Rules = SelectJson + """

            SecRule &ARGS "@eq 0" "id:1,phase:1,pass,nolog"
            SecRule ARGS:json.user.name "@streq bob" "id:2,phase:2,pass,nolog"
            SecRule ARGS_NAMES "@streq json.user.role" "id:3,phase:2,pass,nolog"
            SecRule REQBODY_PROCESSOR "@streq JSON" "id:4,phase:2,pass,nolog"
            SecRule REQBODY_ERROR "@eq 0" "id:5,phase:2,pass,nolog"
            """;
        var body = Encoding.UTF8.GetBytes("""{"user":{"name":"bob","role":"admin"}}""");

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/api", "application/json", body));

        Assert.Equal([90, 1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void Json_Malformed_RequestBodyErrorWithMessage()
    {
        const string Rules = SelectJson + """

            SecRule REQBODY_ERROR "!@eq 0" "id:1,phase:2,pass,log,logdata:'%{REQBODY_ERROR_MSG}'"
            SecRule REQBODY_PROCESSOR_ERROR "@eq 1" "id:2,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/api", "application/json", Encoding.UTF8.GetBytes("""{"a": [1, 2""")));

        Assert.Equal([90, 1, 2], transaction.MatchedIds());
        Assert.Contains("JSON", transaction.DataOf(1), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DeeperThanSecRequestBodyJsonDepthLimit_RequestBodyError()
    {
        const string Rules = SelectJson + """

            SecRequestBodyJsonDepthLimit 8
            SecRule REQBODY_ERROR "@eq 1" "id:1,phase:2,pass,nolog"
            """;
        var body = Encoding.UTF8.GetBytes(new string('[', 9) + "1" + new string(']', 9));

        using var deep = InlineEngine.Run(Rules, EngineExchange.Post("/api", "application/json", body));
        using var shallow = InlineEngine.Run(Rules, EngineExchange.Post("/api", "application/json", Encoding.UTF8.GetBytes("[[1]]")));

        Assert.True(deep.Matched(1));
        Assert.False(shallow.Matched(1));
    }

    [Fact]
    public void Xml_DocumentElementAndAttributes_XPathTargets()
    {
        // XML:/* is the text of the whole document, XML://@* every attribute value (CRS reads both).
        const string Rules = SelectXml + """

            SecRule XML:/* "@streq Bookfast" "id:1,phase:2,pass,nolog"
            SecRule XML://@* "@streq x1" "id:2,phase:2,pass,nolog"
            SecRule &XML://@* "@eq 2" "id:3,phase:2,pass,nolog"
            SecRule REQBODY_PROCESSOR "@streq XML" "id:4,phase:2,pass,nolog"
            """;
        var body = Encoding.UTF8.GetBytes("""<order id="7"><item sku="x1">Book</item><note>fast</note></order>""");

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/soap", "text/xml", body));

        Assert.Equal([91, 1, 2, 3, 4], transaction.MatchedIds());
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><r>&c;&c;&c;&c;&c;</r>")]
    public void Xml_EntityDeclarations_NeverExpandedIntoTheInspectedText(string document)
    {
        // ModSecurity stopped loading external entities after CVE-2013-1915 (SecXmlExternalEntity, Off by default):
        // neither a local file nor an entity bomb may end up in what the rules inspect.
        const string Rules = SelectXml + """

            SecRule XML:/* "@contains root:" "id:1,phase:2,pass,nolog"
            SecRule XML:/* "@contains aaaaaaaaaaaaaaaaaaaa" "id:2,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/soap", "text/xml", Encoding.UTF8.GetBytes(document)));

        Assert.Equal([91], transaction.MatchedIds());
    }

    [Fact]
    public void Xml_Malformed_RequestBodyError()
    {
        const string Rules = SelectXml + """

            SecRule REQBODY_ERROR "@eq 1" "id:1,phase:2,pass,log,logdata:'%{REQBODY_ERROR_MSG}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/soap", "text/xml", Encoding.UTF8.GetBytes("<order><item></order>")));

        Assert.Equal([91, 1], transaction.MatchedIds());
        Assert.Contains("XML", transaction.DataOf(1), StringComparison.Ordinal);
    }
}
