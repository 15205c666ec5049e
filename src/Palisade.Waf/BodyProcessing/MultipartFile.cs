namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// A file part of a multipart body: FILES (<see cref="FileName"/>), FILES_NAMES (<see cref="PartName"/>) and
/// FILES_SIZES (<see cref="Size"/>, keyed by part name). The content is not copied: it is
/// <c>body.Slice(ContentOffset, Size)</c> of the body that was processed (for FILES_TMP_CONTENT, when wanted).
/// </summary>
internal readonly record struct MultipartFile(string PartName, string FileName, int ContentOffset, int Size)
{
    public ReadOnlySpan<byte> ContentOf(ReadOnlySpan<byte> body) => body.Slice(ContentOffset, Size);
}
