using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class MultipartContentTypeTests
{
    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "abc", (int)MultipartFlags.None)]
    [InlineData("Multipart/Form-Data;boundary=a'()+_,-./:=?b", "a'()+_,-./:=?b", (int)MultipartFlags.None)]
    [InlineData("multipart/form-data; boundary=\"quoted\"", "quoted", (int)MultipartFlags.BoundaryQuoted)]
    [InlineData("multipart/form-data boundary=abc", "abc", (int)MultipartFlags.MissingSemicolon)]
    [InlineData("multipart/form-data; boundary =abc", "abc", (int)MultipartFlags.BoundaryWhitespace)]
    [InlineData("multipart/form-data; boundary= abc", " abc", (int)MultipartFlags.BoundaryWhitespace)]
    public void TryGetBoundary_AcceptedHeaders_BoundaryAndFlags(string contentType, string boundary, int flags)
    {
        var actualFlags = MultipartFlags.None;

        var actual = MultipartContentType.TryGetBoundary(contentType, ref actualFlags, out var error);

        Assert.Equal(boundary, actual);
        Assert.Equal((MultipartFlags)flags, actualFlags);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(null, "Multipart: Content-Type header not available.")]
    [InlineData("text/plain; boundary=abc", "Multipart: Invalid MIME type.")]
    [InlineData("multipart/form-data; boundary=a; boundary=b", "Multipart: Multiple boundary parameters in C-T.")]
    [InlineData("multipart/form-data; Boundary=abc", "Multipart: Invalid boundary in C-T (case sensitivity).")]
    [InlineData("multipart/form-data; charset=utf-8", "Multipart: Boundary not found in C-T.")]
    [InlineData("multipart/form-data; x; boundary=abc", "Multipart: Invalid boundary in C-T (malformed).")]
    [InlineData("multipart/form-data; boundaryx=abc", "Multipart: Invalid boundary in C-T (parameter name).")]
    [InlineData("multipart/form-data; boundary=\"abc", "Multipart: Invalid boundary in C-T (quote).")]
    [InlineData("multipart/form-data; boundary=abc; charset=utf-8", "Multipart: Invalid boundary in C-T (characters).")]
    [InlineData("multipart/form-data; boundary=abc ", "Multipart: Invalid boundary in C-T (characters).")]
    [InlineData("multipart/form-data; boundary=", "Multipart: Invalid boundary in C-T (empty).")]
    public void TryGetBoundary_RejectedHeaders_ModSecurityMessage(string? contentType, string expectedError)
    {
        var flags = MultipartFlags.None;

        var boundary = MultipartContentType.TryGetBoundary(contentType, ref flags, out var error);

        Assert.Null(boundary);
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void TryGetBoundary_HeaderOver1024Characters_Rejected()
    {
        var flags = MultipartFlags.None;

        var boundary = MultipartContentType.TryGetBoundary("multipart/form-data; boundary=" + new string('a', 1000), ref flags, out var error);

        Assert.Null(boundary);
        Assert.Equal("Multipart: Invalid boundary in C-T (length).", error);
    }

    [Fact]
    public void Process_BadContentType_ErrorAndStrictError()
    {
        var result = MultipartBodies.Process("--x\r\n"u8.ToArray(), "multipart/form-data");

        Assert.Equal("Multipart parsing error: Multipart: Boundary not found in C-T.", result.ErrorMessage);
        Assert.True(result.MultipartStrictError);
    }
}
