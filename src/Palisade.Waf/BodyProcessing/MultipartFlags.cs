namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The MULTIPART_* flags ModSecurity raises while parsing (multipart.cc). Every flag but <see cref="CrlfLine"/> feeds
/// MULTIPART_STRICT_ERROR; MULTIPART_UNMATCHED_BOUNDARY is a number, kept apart in
/// <see cref="RequestBodyResult.MultipartUnmatchedBoundary"/>.
/// </summary>
[Flags]
internal enum MultipartFlags
{
    None = 0,

    /// <summary>A parsing error (REQBODY_PROCESSOR_ERROR) happened.</summary>
    Error = 1 << 0,

    BoundaryQuoted = 1 << 1,
    BoundaryWhitespace = 1 << 2,
    DataBefore = 1 << 3,
    DataAfter = 1 << 4,
    HeaderFolding = 1 << 5,
    LfLine = 1 << 6,

    /// <summary>Lines ended in CRLF somewhere (with <see cref="LfLine"/>: MULTIPART_CRLF_LF_LINES, mixed endings).</summary>
    CrlfLine = 1 << 7,

    MissingSemicolon = 1 << 8,
    InvalidQuoting = 1 << 9,
    InvalidPart = 1 << 10,
    InvalidHeaderFolding = 1 << 11,
    FileLimitExceeded = 1 << 12,

    /// <summary>The flags MULTIPART_STRICT_ERROR is the disjunction of.</summary>
    StrictErrors = Error | BoundaryQuoted | BoundaryWhitespace | DataBefore | DataAfter | HeaderFolding | LfLine
        | MissingSemicolon | InvalidQuoting | InvalidPart | InvalidHeaderFolding | FileLimitExceeded,
}
