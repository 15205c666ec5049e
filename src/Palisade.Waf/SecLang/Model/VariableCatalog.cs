using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Names and shapes of the supported variables. Names follow the ModSecurity reference manual (v2) and libmodsecurity
/// v3 (src/variables); a collection accepts a ':key' or ':/regex/' selector, a scalar does not.
/// </summary>
public static class VariableCatalog
{
    private static readonly (VariableName Name, string Text, VariableShape Shape)[] Entries =
    [
        (VariableName.Args, "ARGS", VariableShape.Collection),
        (VariableName.ArgsCombinedSize, "ARGS_COMBINED_SIZE", VariableShape.Scalar),
        (VariableName.ArgsGet, "ARGS_GET", VariableShape.Collection),
        (VariableName.ArgsGetNames, "ARGS_GET_NAMES", VariableShape.Collection),
        (VariableName.ArgsNames, "ARGS_NAMES", VariableShape.Collection),
        (VariableName.ArgsPost, "ARGS_POST", VariableShape.Collection),
        (VariableName.ArgsPostNames, "ARGS_POST_NAMES", VariableShape.Collection),
        (VariableName.AuthType, "AUTH_TYPE", VariableShape.Scalar),
        (VariableName.Duration, "DURATION", VariableShape.Scalar),
        (VariableName.Env, "ENV", VariableShape.Collection),
        (VariableName.Files, "FILES", VariableShape.Collection),
        (VariableName.FilesCombinedSize, "FILES_COMBINED_SIZE", VariableShape.Scalar),
        (VariableName.FilesNames, "FILES_NAMES", VariableShape.Collection),
        (VariableName.FilesSizes, "FILES_SIZES", VariableShape.Collection),
        (VariableName.FilesTmpContent, "FILES_TMP_CONTENT", VariableShape.Collection),
        (VariableName.FilesTmpNames, "FILES_TMPNAMES", VariableShape.Collection),
        (VariableName.FullRequest, "FULL_REQUEST", VariableShape.Scalar),
        (VariableName.FullRequestLength, "FULL_REQUEST_LENGTH", VariableShape.Scalar),
        (VariableName.Geo, "GEO", VariableShape.Collection),
        (VariableName.Global, "GLOBAL", VariableShape.PersistentCollection),
        (VariableName.HighestSeverity, "HIGHEST_SEVERITY", VariableShape.Scalar),
        (VariableName.InboundDataError, "INBOUND_DATA_ERROR", VariableShape.Scalar),
        (VariableName.Ip, "IP", VariableShape.PersistentCollection),
        (VariableName.MatchedVar, "MATCHED_VAR", VariableShape.Scalar),
        (VariableName.MatchedVarName, "MATCHED_VAR_NAME", VariableShape.Scalar),
        (VariableName.MatchedVars, "MATCHED_VARS", VariableShape.Collection),
        (VariableName.MatchedVarsNames, "MATCHED_VARS_NAMES", VariableShape.Collection),
        (VariableName.ModsecBuild, "MODSEC_BUILD", VariableShape.Scalar),
        (VariableName.MscPcreLimitsExceeded, "MSC_PCRE_LIMITS_EXCEEDED", VariableShape.Scalar),
        (VariableName.MultipartBoundaryQuoted, "MULTIPART_BOUNDARY_QUOTED", VariableShape.Scalar),
        (VariableName.MultipartBoundaryWhitespace, "MULTIPART_BOUNDARY_WHITESPACE", VariableShape.Scalar),
        (VariableName.MultipartCrlfLfLines, "MULTIPART_CRLF_LF_LINES", VariableShape.Scalar),
        (VariableName.MultipartDataAfter, "MULTIPART_DATA_AFTER", VariableShape.Scalar),
        (VariableName.MultipartDataBefore, "MULTIPART_DATA_BEFORE", VariableShape.Scalar),
        (VariableName.MultipartFileLimitExceeded, "MULTIPART_FILE_LIMIT_EXCEEDED", VariableShape.Scalar),
        (VariableName.MultipartFilename, "MULTIPART_FILENAME", VariableShape.Scalar),
        (VariableName.MultipartHeaderFolding, "MULTIPART_HEADER_FOLDING", VariableShape.Scalar),
        (VariableName.MultipartInvalidHeaderFolding, "MULTIPART_INVALID_HEADER_FOLDING", VariableShape.Scalar),
        (VariableName.MultipartInvalidPart, "MULTIPART_INVALID_PART", VariableShape.Scalar),
        (VariableName.MultipartInvalidQuoting, "MULTIPART_INVALID_QUOTING", VariableShape.Scalar),
        (VariableName.MultipartLfLine, "MULTIPART_LF_LINE", VariableShape.Scalar),
        (VariableName.MultipartMissingSemicolon, "MULTIPART_MISSING_SEMICOLON", VariableShape.Scalar),
        (VariableName.MultipartName, "MULTIPART_NAME", VariableShape.Scalar),
        (VariableName.MultipartPartHeaders, "MULTIPART_PART_HEADERS", VariableShape.Collection),
        (VariableName.MultipartStrictError, "MULTIPART_STRICT_ERROR", VariableShape.Scalar),
        (VariableName.MultipartUnmatchedBoundary, "MULTIPART_UNMATCHED_BOUNDARY", VariableShape.Scalar),
        (VariableName.OutboundDataError, "OUTBOUND_DATA_ERROR", VariableShape.Scalar),
        (VariableName.PathInfo, "PATH_INFO", VariableShape.Scalar),
        (VariableName.QueryString, "QUERY_STRING", VariableShape.Scalar),
        (VariableName.RemoteAddr, "REMOTE_ADDR", VariableShape.Scalar),
        (VariableName.RemoteHost, "REMOTE_HOST", VariableShape.Scalar),
        (VariableName.RemotePort, "REMOTE_PORT", VariableShape.Scalar),
        (VariableName.RemoteUser, "REMOTE_USER", VariableShape.Scalar),
        (VariableName.ReqbodyError, "REQBODY_ERROR", VariableShape.Scalar),
        (VariableName.ReqbodyErrorMsg, "REQBODY_ERROR_MSG", VariableShape.Scalar),
        (VariableName.ReqbodyProcessor, "REQBODY_PROCESSOR", VariableShape.Scalar),
        (VariableName.ReqbodyProcessorError, "REQBODY_PROCESSOR_ERROR", VariableShape.Scalar),
        (VariableName.ReqbodyProcessorErrorMsg, "REQBODY_PROCESSOR_ERROR_MSG", VariableShape.Scalar),
        (VariableName.RequestBasename, "REQUEST_BASENAME", VariableShape.Scalar),
        (VariableName.RequestBody, "REQUEST_BODY", VariableShape.Scalar),
        (VariableName.RequestBodyLength, "REQUEST_BODY_LENGTH", VariableShape.Scalar),
        (VariableName.RequestCookies, "REQUEST_COOKIES", VariableShape.Collection),
        (VariableName.RequestCookiesNames, "REQUEST_COOKIES_NAMES", VariableShape.Collection),
        (VariableName.RequestFilename, "REQUEST_FILENAME", VariableShape.Scalar),
        (VariableName.RequestHeaders, "REQUEST_HEADERS", VariableShape.Collection),
        (VariableName.RequestHeadersNames, "REQUEST_HEADERS_NAMES", VariableShape.Collection),
        (VariableName.RequestLine, "REQUEST_LINE", VariableShape.Scalar),
        (VariableName.RequestMethod, "REQUEST_METHOD", VariableShape.Scalar),
        (VariableName.RequestProtocol, "REQUEST_PROTOCOL", VariableShape.Scalar),
        (VariableName.RequestUri, "REQUEST_URI", VariableShape.Scalar),
        (VariableName.RequestUriRaw, "REQUEST_URI_RAW", VariableShape.Scalar),
        (VariableName.Resource, "RESOURCE", VariableShape.PersistentCollection),
        (VariableName.ResponseBody, "RESPONSE_BODY", VariableShape.Scalar),
        (VariableName.ResponseContentLength, "RESPONSE_CONTENT_LENGTH", VariableShape.Scalar),
        (VariableName.ResponseContentType, "RESPONSE_CONTENT_TYPE", VariableShape.Scalar),
        (VariableName.ResponseHeaders, "RESPONSE_HEADERS", VariableShape.Collection),
        (VariableName.ResponseHeadersNames, "RESPONSE_HEADERS_NAMES", VariableShape.Collection),
        (VariableName.ResponseProtocol, "RESPONSE_PROTOCOL", VariableShape.Scalar),
        (VariableName.ResponseStatus, "RESPONSE_STATUS", VariableShape.Scalar),
        (VariableName.Rule, "RULE", VariableShape.Collection),
        (VariableName.ServerAddr, "SERVER_ADDR", VariableShape.Scalar),
        (VariableName.ServerName, "SERVER_NAME", VariableShape.Scalar),
        (VariableName.ServerPort, "SERVER_PORT", VariableShape.Scalar),
        (VariableName.Session, "SESSION", VariableShape.PersistentCollection),
        (VariableName.SessionId, "SESSIONID", VariableShape.Scalar),
        (VariableName.StatusLine, "STATUS_LINE", VariableShape.Scalar),
        (VariableName.Time, "TIME", VariableShape.Scalar),
        (VariableName.TimeDay, "TIME_DAY", VariableShape.Scalar),
        (VariableName.TimeEpoch, "TIME_EPOCH", VariableShape.Scalar),
        (VariableName.TimeHour, "TIME_HOUR", VariableShape.Scalar),
        (VariableName.TimeMin, "TIME_MIN", VariableShape.Scalar),
        (VariableName.TimeMon, "TIME_MON", VariableShape.Scalar),
        (VariableName.TimeSec, "TIME_SEC", VariableShape.Scalar),
        (VariableName.TimeWday, "TIME_WDAY", VariableShape.Scalar),
        (VariableName.TimeYear, "TIME_YEAR", VariableShape.Scalar),
        (VariableName.Tx, "TX", VariableShape.WritableCollection),
        (VariableName.UniqueId, "UNIQUE_ID", VariableShape.Scalar),
        (VariableName.UrlencodedError, "URLENCODED_ERROR", VariableShape.Scalar),
        (VariableName.User, "USER", VariableShape.PersistentCollection),
        (VariableName.UserId, "USERID", VariableShape.Scalar),
        (VariableName.WebAppId, "WEBAPPID", VariableShape.Scalar),
        (VariableName.Xml, "XML", VariableShape.Collection),
    ];

    private static readonly FrozenDictionary<string, VariableName> ByText =
        Entries.ToFrozenDictionary(e => e.Text, e => e.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] TextByName = BuildTextByName();

    private static readonly VariableShape[] ShapeByName = BuildShapeByName();

    /// <summary>Every accepted name, in alphabetical order (for error messages and documentation).</summary>
    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => e.Text).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Looks a name up, ignoring case as ModSecurity does.</summary>
    public static bool TryParse(string text, out VariableName name) => ByText.TryGetValue(text, out name);

    /// <summary>The canonical SecLang name, e.g. REQUEST_HEADERS.</summary>
    public static string NameOf(VariableName name) => TextByName[(int)name];

    /// <summary>True for collections (which take selectors and can be counted element by element).</summary>
    public static bool IsCollection(VariableName name) => ShapeByName[(int)name] != VariableShape.Scalar;

    /// <summary>True for the collections setvar, expirevar and initcol may write: TX and the persistent ones.</summary>
    public static bool IsWritable(VariableName name) => ShapeByName[(int)name] is VariableShape.WritableCollection or VariableShape.PersistentCollection;

    /// <summary>True for the persistent collections initcol opens (IP, GLOBAL, RESOURCE, SESSION, USER).</summary>
    public static bool IsPersistent(VariableName name) => ShapeByName[(int)name] == VariableShape.PersistentCollection;

    private static string[] BuildTextByName()
    {
        var texts = new string[Enum.GetValues<VariableName>().Length];
        foreach (var entry in Entries)
        {
            texts[(int)entry.Name] = entry.Text;
        }

        return texts;
    }

    private static VariableShape[] BuildShapeByName()
    {
        var shapes = new VariableShape[Enum.GetValues<VariableName>().Length];
        foreach (var entry in Entries)
        {
            shapes[(int)entry.Name] = entry.Shape;
        }

        return shapes;
    }

    private enum VariableShape
    {
        Scalar,
        Collection,
        WritableCollection,
        PersistentCollection,
    }
}
