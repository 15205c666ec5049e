using System.Text;
using Palisade.Waf.BodyProcessing;
using static Palisade.Waf.Tests.BodyProcessing.MultipartBodies;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class MultipartBodyProcessorTests
{
    private const string Dash = "--" + Boundary;

    [Fact]
    public void Process_WellFormedFormWithFile_ExposesFieldsFilesAndHeaders()
    {
        var body = Crlf(
            Dash,
            "Content-Disposition: form-data; name=\"user\"",
            "",
            "alice",
            Dash,
            "Content-Disposition: form-data; name=\"note\"",
            "",
            "line one",
            "line two",
            Dash,
            "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"",
            "Content-Type: text/plain",
            "",
            "hello file",
            Dash + "--",
            "");

        var result = Process(body);

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal([new("user", "alice"), new("note", "line one\r\nline two")], result.Arguments);
        Assert.True(result.ArgumentsArePostArguments);
        var file = Assert.Single(result.Files);
        Assert.Equal(("upload", "a.txt", 10), (file.PartName, file.FileName, file.Size));
        Assert.Equal("hello file", Encoding.Latin1.GetString(file.ContentOf(body)));
        Assert.Equal(10, result.FilesCombinedSize);
        Assert.Equal(
            [
                new("user", "Content-Disposition: form-data; name=\"user\""),
                new("note", "Content-Disposition: form-data; name=\"note\""),
                new("upload", "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\""),
                new("upload", "Content-Type: text/plain"),
            ],
            result.MultipartPartHeaders);
        Assert.Equal(["user", "note", "upload"], result.MultipartNames);
        Assert.Equal(["a.txt"], result.MultipartFileNames);
        Assert.Equal(MultipartFlags.CrlfLine, result.MultipartFlags);
        Assert.False(result.MultipartStrictError);

        // libmodsecurity 3 reports 2 once our boundary was seen again with nothing unmatched.
        Assert.Equal(2, result.MultipartUnmatchedBoundary);
    }

    [Fact]
    public void Process_LfLineEndings_ParsedWithLfFlagAndStrictError()
    {
        var result = Process(Lf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--", ""));

        Assert.Equal([new("a", "x")], result.Arguments);
        Assert.False(result.HasError);
        Assert.Equal(MultipartFlags.LfLine, result.MultipartFlags);
        Assert.True(result.MultipartStrictError);
        Assert.False(result.MultipartMixedLineEndings);
    }

    [Fact]
    public void Process_MixedLineEndings_BothFlagsRaised()
    {
        var body = Encoding.Latin1.GetBytes($"{Dash}\r\nContent-Disposition: form-data; name=\"a\"\n\r\nx\r\n{Dash}--\r\n");

        var result = Process(body);

        Assert.True(result.MultipartMixedLineEndings);
        Assert.True(result.MultipartStrictError);
    }

    [Fact]
    public void Process_FinalBoundaryWithoutLineEnding_Completes()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--"));

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal([new("a", "x")], result.Arguments);
    }

    [Fact]
    public void Process_PreambleBeforeFirstBoundary_DataBefore()
    {
        var result = Process(Crlf("preamble", Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--", ""));

        Assert.Equal(MultipartFlags.DataBefore, result.MultipartFlags & MultipartFlags.DataBefore);
        Assert.True(result.MultipartStrictError);
        Assert.Equal([new("a", "x")], result.Arguments);
    }

    [Fact]
    public void Process_EpilogueAfterFinalBoundary_DataAfter()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--", "epilogue"));

        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.DataAfter));
        Assert.False(result.HasError);
    }

    [Fact]
    public void Process_FoldedHeaderWithSpace_JoinedAndFlaggedAsFolding()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data;", " name=\"folded\"", "", "v", Dash + "--", ""));

        Assert.Equal([new("folded", "v")], result.Arguments);
        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.HeaderFolding));
        Assert.False(result.MultipartFlags.HasFlag(MultipartFlags.InvalidHeaderFolding));
    }

    [Fact]
    public void Process_FoldedHeaderWithVerticalTab_InvalidHeaderFolding()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data;", "\vname=\"folded\"", "", "v", Dash + "--", ""));

        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.InvalidHeaderFolding));
        Assert.Equal([new("folded", "v")], result.Arguments);
    }

    [Fact]
    public void Process_SingleQuotedName_InvalidQuoting()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name='a'", "", "x", Dash + "--", ""));

        Assert.Equal([new("a", "x")], result.Arguments);
        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.InvalidQuoting));
    }

    [Fact]
    public void Process_EscapedQuoteInName_Unescaped()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\\\"b\\\\c\\d\"", "", "x", Dash + "--", ""));

        Assert.Equal("a\"b\\c\\d", Assert.Single(result.Arguments).Name);
    }

    [Fact]
    public void Process_PartWithoutHeaders_InvalidPart()
    {
        var result = Process(Crlf(Dash, Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--", ""));

        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.InvalidPart));
        Assert.Equal([new("a", "x")], result.Arguments);
    }

    [Fact]
    public void Process_ForeignBoundaryLine_UnmatchedBoundaryStaysOne()
    {
        var result = Process(Crlf(
            Dash, "Content-Disposition: form-data; name=\"a\"", "", "--not-our-boundary", Dash,
            "Content-Disposition: form-data; name=\"b\"", "", "y", Dash + "--", ""));

        Assert.Equal(1, result.MultipartUnmatchedBoundary);
        Assert.Equal([new("a", "--not-our-boundary"), new("b", "y")], result.Arguments);
    }

    [Fact]
    public void Process_OurBoundaryInsideALine_UnmatchedBoundary()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x" + Dash, Dash + "--", ""));

        Assert.Equal(1, result.MultipartUnmatchedBoundary);
    }

    [Fact]
    public void Process_MoreFilesThanUploadFileLimit_FileLimitExceeded()
    {
        var body = Crlf(
            Dash, "Content-Disposition: form-data; name=\"f1\"; filename=\"1\"", "", "a",
            Dash, "Content-Disposition: form-data; name=\"f2\"; filename=\"2\"", "", "bb",
            Dash + "--", "");

        var result = Process(body, limits: BodyLimits.Default with { UploadFileLimit = 1 });

        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.FileLimitExceeded));
        Assert.Equal(2, result.Files.Count);
        Assert.Equal(3, result.FilesCombinedSize);
    }

    [Fact]
    public void Process_EmptyFileName_TreatedAsFormField()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"f\"; filename=\"\"", "", "", Dash + "--", ""));

        Assert.Empty(result.Files);
        Assert.Equal([new("f", "")], result.Arguments);
    }

    [Fact]
    public void Process_MissingFinalBoundary_ErrorButFinishedPartsKept()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash, "Content-Disposition: form-data; name=\"b\"", "", "unfinished"));

        Assert.Equal("Multipart parsing error: Multipart: Final boundary missing.", result.ErrorMessage);
        Assert.Equal([new("a", "x")], result.Arguments);
        Assert.True(result.MultipartStrictError);
    }

    [Fact]
    public void Process_NoBoundaryInBody_Error()
    {
        var result = Process(Crlf("just text", "more"));

        Assert.Equal("Multipart parsing error: Multipart: No boundaries found in payload.", result.ErrorMessage);
    }

    [Fact]
    public void Process_EmptyBody_NoError()
    {
        var result = Process([]);

        Assert.False(result.HasError);
        Assert.Empty(result.Arguments);
    }

    [Fact]
    public void Process_BoundaryFollowedByJunk_FatalInvalidBoundary()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "junk", "Content-Disposition: form-data; name=\"b\"", "", "y", Dash + "--", ""));

        Assert.StartsWith("Multipart parsing error: Multipart: Invalid boundary: " + Dash + "junk", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(result.Arguments);
    }

    [Fact]
    public void Process_WhitespaceBeforeBoundary_FatalError()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"a\"", "", "x", "-- " + Boundary, ""));

        Assert.Equal("Multipart parsing error: Multipart: Invalid boundary (whitespace).", result.ErrorMessage);
    }

    [Fact]
    public void Process_HeaderNameWithControlCharacter_ErrorAndLineStillInPartHeaders()
    {
        // CRS 922130 accepts either the parse error or rule 922130 matching MULTIPART_PART_HEADERS; we give both.
        var body = Crlf(
            "--boundary",
            "\u000EContent-Disposition: form-data; name=\"file\"; filename=\"1.php\"",
            "Content-Disposition: form-data; name=\"post\"",
            "",
            "<?php var_dump(file_get_contents(\"/etc/passwd\"));",
            "--boundary--");

        var result = Process(body, "multipart/form-data; boundary=boundary");

        Assert.Matches(@"Multipart parsing error: Multipart: Invalid part header \(contains invalid character\)", result.ErrorMessage);
        Assert.Contains(new BodyArgument("post", "\u000EContent-Disposition: form-data; name=\"file\"; filename=\"1.php\""), result.MultipartPartHeaders);
        Assert.Equal("post", Assert.Single(result.Arguments).Name);
        Assert.True(result.MultipartStrictError);
    }

    [Theory]
    [InlineData("Content-Type: text/plain", "Multipart: Part missing Content-Disposition header.")]
    [InlineData("Content-Disposition: attachment; name=\"a\"", "Multipart: Invalid Content-Disposition header (-1): attachment; name=\"a\"")]
    [InlineData("Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''x", "Multipart: Invalid Content-Disposition header (-11): form-data; name=\"a\"; filename*=UTF-8''x")]
    [InlineData("Content-Disposition: form-data; name=\"a\"; name=\"b\"", "Multipart: Invalid Content-Disposition header (-14): form-data; name=\"a\"; name=\"b\"")]
    [InlineData("Content-Disposition: form-data; filename=\"x\"", "Multipart: Content-Disposition header missing name field.")]
    [InlineData("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"", "Multipart: Duplicate part header: Content-Disposition.")]
    [InlineData("no colon here", "Multipart: Invalid part header (colon missing): no colon here")]
    [InlineData(": value", "Multipart: Invalid part header (header name missing).")]
    public void Process_BadPartHeaders_ReportedAsRequestBodyError(string headers, string expectedMessage)
    {
        var result = Process(Crlf(Dash, headers, "", "x", Dash + "--", ""));

        Assert.Equal(MultipartBodyProcessor.ErrorPrefix + expectedMessage, result.ErrorMessage);
        Assert.True(result.MultipartFlags.HasFlag(MultipartFlags.Error));
        Assert.True(result.MultipartStrictError);
    }

    [Fact]
    public void Process_CharsetPart_KeyedByItsName()
    {
        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"_charset_\"", "", "utf-7", Dash + "--", ""));

        Assert.Equal("_charset_", Assert.Single(result.MultipartPartHeaders).Name);
        Assert.Equal([new("_charset_", "utf-7")], result.Arguments);
    }

    [Fact]
    public void Process_HeaderLineOver4096Bytes_Fatal()
    {
        var result = Process(Crlf(Dash, "X-Long: " + new string('a', 5000), "Content-Disposition: form-data; name=\"a\"", "", "x", Dash + "--", ""));

        Assert.Equal("Multipart parsing error: Multipart: Part header line over 4096 bytes long", result.ErrorMessage);
    }

    [Fact]
    public void Process_DataLinesLongerThanTheLineBuffer_ValueIntact()
    {
        var longValue = new string('v', 3 * MultipartBodyProcessor.LineBufferSize + 17) + "\r" + new string('w', 5000);

        var result = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"big\"", "", longValue, "tail", Dash + "--", ""), limits: BodyLimits.Default with { RequestBodyNoFilesLimit = 1_000_000 });

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal(longValue + "\r\ntail", Assert.Single(result.Arguments).Value);
    }

    [Fact]
    public void Process_FormFieldsOverNoFilesLimit_RejectedButFileContentDoesNotCount()
    {
        var bigFile = new string('f', 200_000);
        var withFile = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"f\"; filename=\"f.bin\"", "", bigFile, Dash + "--", ""));
        var withField = Process(Crlf(Dash, "Content-Disposition: form-data; name=\"f\"", "", bigFile, Dash + "--", ""));

        Assert.False(withFile.HasError, withFile.ErrorMessage);
        Assert.Equal(BodyLimitOutcome.WithinLimits, withFile.LimitOutcome);
        Assert.Equal(200_000, Assert.Single(withFile.Files).Size);
        Assert.Equal(BodyLimitOutcome.Rejected, withField.LimitOutcome);
        Assert.True(withField.InboundDataError);
        Assert.Equal("Multipart parsing error: Multipart: Request body no files data length is larger than the configured limit (131072).", withField.ErrorMessage);
    }

    [Fact]
    public void Process_MorePartsThanPartLimit_StopsWithError()
    {
        var lines = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            lines.AddRange([Dash, $"Content-Disposition: form-data; name=\"p{i}\"", "", "v"]);
        }

        lines.AddRange([Dash + "--", ""]);

        var result = Process(Crlf([.. lines]), limits: BodyLimits.Default with { MultipartPartLimit = 5 });

        Assert.Equal(5, result.Arguments.Count);
        Assert.Equal("Multipart parsing error: Multipart: More than 5 parts (MultipartPartLimit).", result.ErrorMessage);
    }

    [Fact]
    public void Process_MoreFieldsThanArgumentsLimit_DroppedWithError()
    {
        var body = Crlf(
            Dash, "Content-Disposition: form-data; name=\"a\"", "", "1",
            Dash, "Content-Disposition: form-data; name=\"b\"", "", "2",
            Dash + "--", "");

        var result = RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, ContentType, BodyLimits.Default with { ArgumentsLimit = 3 }, existingArgumentCount: 2);

        Assert.Equal([new("a", "1")], result.Arguments);
        Assert.True(result.ArgumentsLimitExceeded);
        Assert.True(result.HasError);
    }

    [Fact]
    public void Process_Utf8TextEncoding_NamesAndValuesDecoded()
    {
        var body = Encoding.UTF8.GetBytes($"{Dash}\r\nContent-Disposition: form-data; name=\"café\"\r\n\r\nnaïve\r\n{Dash}--\r\n");

        var result = Process(body, limits: BodyLimits.Default with { TextEncoding = BodyTextEncoding.Utf8 });

        Assert.Equal([new("café", "naïve")], result.Arguments);
        Assert.Equal(["café"], result.MultipartNames);
    }
}
