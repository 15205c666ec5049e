using System.Text;
using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

/// <summary>Builds multipart bodies for the tests, one line per argument, and runs the processor on them.</summary>
internal static class MultipartBodies
{
    public const string Boundary = "----WebKitFormBoundary7MA4YWxk";
    public const string ContentType = "multipart/form-data; boundary=" + Boundary;

    public static byte[] Crlf(params string[] lines) => Encoding.Latin1.GetBytes(string.Join("\r\n", lines));

    public static byte[] Lf(params string[] lines) => Encoding.Latin1.GetBytes(string.Join("\n", lines));

    public static RequestBodyResult Process(byte[] body, string? contentType = ContentType, BodyLimits? limits = null) =>
        RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, contentType, limits ?? BodyLimits.Default);
}
