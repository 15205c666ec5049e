namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// What a request body processor exposes to phase 2 rules: the arguments (ARGS_POST, or ARGS only for JSON as in
/// ModSecurity), the multipart collections and flags, the XML document, REQBODY_ERROR / REQBODY_ERROR_MSG (which
/// equal REQBODY_PROCESSOR_ERROR / _MSG), URLENCODED_ERROR and INBOUND_DATA_ERROR.
/// <para>
/// Reusable: one instance per transaction (or pooled) is filled by <c>RequestBodyProcessor.Process</c>, which
/// clears it first, so processing a body allocates only the strings it hands out. Not thread-safe; the processors
/// themselves keep no state and may run on many threads at once.
/// </para>
/// </summary>
internal sealed class RequestBodyResult
{
    private readonly List<BodyArgument> _arguments = [];
    private readonly List<MultipartFile> _files = [];
    private readonly List<BodyArgument> _multipartPartHeaders = [];
    private readonly List<string> _multipartNames = [];
    private readonly List<string> _multipartFileNames = [];

    /// <summary>REQBODY_PROCESSOR; null before the first run or after <see cref="Clear"/>.</summary>
    public BodyProcessorKind? Processor { get; internal set; }

    /// <summary>The extracted arguments in body order, duplicates kept.</summary>
    public IReadOnlyList<BodyArgument> Arguments => _arguments;

    /// <summary>
    /// Whether <see cref="Arguments"/> belong in ARGS_POST as well as ARGS. ModSecurity files JSON arguments under
    /// ARGS (and ARGS_NAMES) only, since their origin is "JSON" rather than the body's form fields.
    /// </summary>
    public bool ArgumentsArePostArguments => Processor is BodyProcessorKind.UrlEncoded or BodyProcessorKind.Multipart;

    /// <summary>File parts, in body order.</summary>
    public IReadOnlyList<MultipartFile> Files => _files;

    /// <summary>FILES_COMBINED_SIZE.</summary>
    public long FilesCombinedSize { get; private set; }

    /// <summary>MULTIPART_PART_HEADERS: each part's raw header lines (without the line ending), keyed by part name.</summary>
    public IReadOnlyList<BodyArgument> MultipartPartHeaders => _multipartPartHeaders;

    /// <summary>MULTIPART_NAME: every name= value seen in a Content-Disposition header (key and value alike).</summary>
    public IReadOnlyList<string> MultipartNames => _multipartNames;

    /// <summary>MULTIPART_FILENAME: every filename= value seen in a Content-Disposition header (key and value alike).</summary>
    public IReadOnlyList<string> MultipartFileNames => _multipartFileNames;

    public MultipartFlags MultipartFlags { get; internal set; }

    /// <summary>
    /// MULTIPART_UNMATCHED_BOUNDARY: 0 none, 1 a line that looked like a boundary but was not ours, 2 (libmodsecurity 3)
    /// our boundary seen again after the first, with nothing unmatched.
    /// </summary>
    public int MultipartUnmatchedBoundary { get; internal set; }

    /// <summary>MULTIPART_STRICT_ERROR.</summary>
    public bool MultipartStrictError => (MultipartFlags & MultipartFlags.StrictErrors) != 0;

    /// <summary>MULTIPART_CRLF_LF_LINES: both line endings were used.</summary>
    public bool MultipartMixedLineEndings => (MultipartFlags & (MultipartFlags.LfLine | MultipartFlags.CrlfLine)) == (MultipartFlags.LfLine | MultipartFlags.CrlfLine);

    /// <summary>REQBODY_ERROR (and REQBODY_PROCESSOR_ERROR).</summary>
    public bool HasError => ErrorMessage.Length > 0;

    /// <summary>REQBODY_ERROR_MSG in ModSecurity's form, e.g. "JSON parsing error: …"; empty when there was no error.</summary>
    public string ErrorMessage { get; private set; } = string.Empty;

    /// <summary>URLENCODED_ERROR: an invalid %-sequence was kept as it was.</summary>
    public bool UrlEncodedError { get; internal set; }

    /// <summary>Arguments past SecArgumentsLimit were dropped.</summary>
    public bool ArgumentsLimitExceeded { get; internal set; }

    public BodyLimitOutcome LimitOutcome { get; internal set; }

    /// <summary>INBOUND_DATA_ERROR.</summary>
    public bool InboundDataError => LimitOutcome != BodyLimitOutcome.WithinLimits;

    /// <summary>Bytes of the body the processor looked at (less than the body when a limit truncated it).</summary>
    public int ProcessedLength { get; internal set; }

    /// <summary>The parsed document for XML:… targets; null unless the XML processor ran.</summary>
    public XmlBodyDocument? Xml { get; internal set; }

    public void Clear()
    {
        _arguments.Clear();
        _files.Clear();
        _multipartPartHeaders.Clear();
        _multipartNames.Clear();
        _multipartFileNames.Clear();
        Processor = null;
        FilesCombinedSize = 0;
        MultipartFlags = MultipartFlags.None;
        MultipartUnmatchedBoundary = 0;
        ErrorMessage = string.Empty;
        UrlEncodedError = false;
        ArgumentsLimitExceeded = false;
        LimitOutcome = BodyLimitOutcome.WithinLimits;
        ProcessedLength = 0;
        Xml = null;
    }

    internal List<BodyArgument> ArgumentList => _arguments;

    internal void AddArgument(string name, string value) => _arguments.Add(new BodyArgument(name, value));

    internal void AddFile(MultipartFile file)
    {
        _files.Add(file);
        FilesCombinedSize += file.Size;
    }

    internal void AddMultipartPartHeader(string partName, string headerLine) => _multipartPartHeaders.Add(new BodyArgument(partName, headerLine));

    internal void AddMultipartName(string name) => _multipartNames.Add(name);

    internal void AddMultipartFileName(string fileName) => _multipartFileNames.Add(fileName);

    /// <summary>Records an error; the first one is kept, since later ones are usually its consequences.</summary>
    internal void SetError(string message)
    {
        if (ErrorMessage.Length == 0)
        {
            ErrorMessage = message.Length > 0 ? message : "Request body parsing error.";
        }
    }
}
