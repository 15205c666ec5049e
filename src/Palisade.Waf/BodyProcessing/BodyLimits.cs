using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The limits and settings the body processors obey, mapped by the engine from SecRequestBodyLimit,
/// SecRequestBodyNoFilesLimit, SecRequestBodyLimitAction, SecArgumentsLimit, SecRequestBodyJsonDepthLimit,
/// SecUploadFileLimit and SecArgumentSeparator. The defaults are the values of ModSecurity's recommended base
/// configuration (modsecurity.conf-recommended), so a host that configures nothing is still bounded.
/// Check a hand-built instance with <see cref="BodyLimitsValidator"/>. Immutable.
/// </summary>
internal sealed record BodyLimits
{
    public static BodyLimits Default { get; } = new();

    /// <summary>
    /// The limits a parsed configuration sets; what it leaves unset keeps the default here (SecUploadFileLimit and
    /// the XML depth are not in <see cref="EngineSettings"/> and always keep theirs).
    /// </summary>
    public static BodyLimits From(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = Default;
        return defaults with
        {
            RequestBodyLimit = settings.RequestBodyLimit ?? defaults.RequestBodyLimit,
            RequestBodyNoFilesLimit = settings.RequestBodyNoFilesLimit ?? defaults.RequestBodyNoFilesLimit,
            LimitAction = settings.RequestBodyLimitAction ?? defaults.LimitAction,
            ArgumentsLimit = settings.ArgumentsLimit ?? defaults.ArgumentsLimit,
            JsonDepthLimit = settings.RequestBodyJsonDepthLimit ?? defaults.JsonDepthLimit,
            ArgumentSeparator = settings.ArgumentSeparator ?? defaults.ArgumentSeparator,
        };
    }

    /// <summary>SecRequestBodyLimit: bytes of body inspected at most.</summary>
    public long RequestBodyLimit { get; init; } = 13_107_200;

    /// <summary>
    /// SecRequestBodyNoFilesLimit: bytes of body that are not file content (the whole body for every processor but
    /// MULTIPART, where part headers and form fields count and file parts do not).
    /// </summary>
    public long RequestBodyNoFilesLimit { get; init; } = 131_072;

    /// <summary>SecRequestBodyLimitAction (the SecLang parser's own enum, so settings map one to one).</summary>
    public BodyLimitAction LimitAction { get; init; } = BodyLimitAction.Reject;

    /// <summary>SecArgumentsLimit: ARGS (query string and body together) kept at most.</summary>
    public int ArgumentsLimit { get; init; } = 1000;

    /// <summary>SecRequestBodyJsonDepthLimit: nesting of JSON objects and arrays allowed.</summary>
    public int JsonDepthLimit { get; init; } = 512;

    /// <summary>Nesting of XML elements allowed; 256 is libxml2's own default, which ModSecurity inherits.</summary>
    public int XmlDepthLimit { get; init; } = 256;

    /// <summary>SecUploadFileLimit: file parts counted before MULTIPART_FILE_LIMIT_EXCEEDED is raised.</summary>
    public int UploadFileLimit { get; init; } = 100;

    /// <summary>
    /// Parts of a multipart body parsed at most (ours; ModSecurity has none). Past it parsing stops with a request
    /// body error, so a body of a million empty parts costs no more than this many.
    /// </summary>
    public int MultipartPartLimit { get; init; } = 1000;

    /// <summary>SecArgumentSeparator: the byte between URL-encoded arguments.</summary>
    public char ArgumentSeparator { get; init; } = '&';

    public BodyTextEncoding TextEncoding { get; init; } = BodyTextEncoding.Latin1Bytes;
}
