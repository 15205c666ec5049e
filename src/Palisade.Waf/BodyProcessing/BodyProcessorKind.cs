namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The request body processors ModSecurity knows, named as REQBODY_PROCESSOR and ctl:requestBodyProcessor spell them
/// (see <see cref="BodyProcessorNames"/>).
/// </summary>
internal enum BodyProcessorKind
{
    UrlEncoded,
    Multipart,
    Json,
    Xml,
}
