using System.Globalization;
using System.Text;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The MULTIPART body processor: multipart/form-data with ModSecurity's strict checks. It follows ModSecurity v3's
/// Multipart::process, process_boundary, process_part_header, process_part_data and multipart_complete
/// (owasp-modsecurity/ModSecurity, src/request_body_processor/multipart.cc), read to understand and written anew:
/// the body is cut into lines of at most <see cref="LineBufferSize"/> bytes exactly as ModSecurity's line buffer cuts
/// it, so boundaries, the MULTIPART_* flags and the part values come out the same.
/// <para>Where we knowingly differ from libmodsecurity 3, it is to close a gap:</para>
/// <list type="bullet">
/// <item>A form field keeps the line breaks inside its value (v3 drops them; v2 and every backend keep them).</item>
/// <item>Parts finished before an error or a missing final boundary stay in ARGS and FILES (v3 then publishes none,
/// which hides them from the rules).</item>
/// <item>Part header errors (missing colon, bad Content-Disposition, duplicate header, …) set REQBODY_ERROR and
/// MULTIPART_STRICT_ERROR, and a header name outside printable ASCII is an error, as newer ModSecurity releases do;
/// parsing goes on as in v3, so MULTIPART_PART_HEADERS still shows the offending line.</item>
/// <item>MULTIPART_UNMATCHED_BOUNDARY stays 1 once an unmatched boundary was seen (v3 lets a later good boundary
/// overwrite it with 2, so rule 200004's "@eq 1" rarely fires).</item>
/// <item>An empty boundary, or a missing Content-Type, is an error rather than silently no parsing.</item>
/// <item>MULTIPART_FILE_LIMIT_EXCEEDED counts every file part (v3 only counts files it writes to disk), and
/// <see cref="BodyLimits.MultipartPartLimit"/> bounds the work.</item>
/// </list>
/// </summary>
internal static class MultipartBodyProcessor
{
    /// <summary>ModSecurity's MULTIPART_BUF_SIZE: the largest piece of a line handled at once.</summary>
    public const int LineBufferSize = 4096;

    /// <summary>Header lines one part may have; past it parsing stops (ours, against a body of endless folded lines).</summary>
    public const int HeaderLineLimit = 1000;

    internal const string ErrorPrefix = "Multipart parsing error: ";

    public static void Process(ReadOnlySpan<byte> body, string? contentType, BodyLimits limits, int argumentBudget, RequestBodyResult result)
    {
        var flags = MultipartFlags.None;
        var boundary = MultipartContentType.TryGetBoundary(contentType, ref flags, out var error);
        if (boundary is null)
        {
            result.MultipartFlags = flags | MultipartFlags.Error;
            result.SetError(ErrorPrefix + error);
            return;
        }

        var parser = new Parser(body, Encoding.Latin1.GetBytes(boundary), limits, argumentBudget, result, flags);
        parser.Run();
    }

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _body;
        private readonly byte[] _boundary;
        private readonly byte[] _dashBoundary;
        private readonly BodyLimits _limits;
        private readonly RequestBodyResult _result;
        private readonly MultipartPart _part = new();
        private readonly int _argumentBudget;
        private MultipartFlags _flags;
        private bool _hasPart;
        private bool _isComplete;
        private bool _stopped;
        private int _unmatchedBoundary;
        private int _boundaryCount;
        private int _partsSeen;
        private int _filesSeen;
        private int _argumentsAdded;
        private long _noFilesLength;

        public Parser(ReadOnlySpan<byte> body, byte[] boundary, BodyLimits limits, int argumentBudget, RequestBodyResult result, MultipartFlags flags)
        {
            _body = body;
            _boundary = boundary;
            _dashBoundary = [(byte)'-', (byte)'-', .. boundary];
            _limits = limits;
            _argumentBudget = argumentBudget;
            _result = result;
            _flags = flags;
        }

        public void Run()
        {
            var position = 0;
            var lineStart = true;
            while (position < _body.Length && !_stopped)
            {
                var window = Math.Min(LineBufferSize, _body.Length - position);
                var newline = _body.Slice(position, window).IndexOf((byte)'\n');
                int length;
                var full = false;
                if (newline >= 0 && newline < LineBufferSize - 1)
                {
                    length = newline + 1;
                }
                else if (_body.Length - position >= LineBufferSize)
                {
                    // ModSecurity never takes a CR as the last byte of a full buffer: it starts the next piece instead.
                    length = _body[position + LineBufferSize - 1] == '\r' ? LineBufferSize - 1 : LineBufferSize;
                    full = true;
                }
                else
                {
                    // An unterminated last line waits for more data; multipart_complete looks at it.
                    break;
                }

                var piece = _body.Slice(position, length);
                ProcessPiece(piece, position, lineStart, full);
                position += length;
                lineStart = piece[^1] == '\n';
                if (_isComplete && position < _body.Length && !_stopped)
                {
                    _flags |= MultipartFlags.DataAfter;
                    break;
                }
            }

            Complete(position, lineStart);
            _result.MultipartFlags = _flags;
            _result.MultipartUnmatchedBoundary = _unmatchedBoundary;
        }

        private void ProcessPiece(ReadOnlySpan<byte> piece, int offset, bool lineStart, bool full)
        {
            var textLength = piece.IndexOf((byte)0);
            if (textLength < 0)
            {
                textLength = piece.Length;
            }

            var isBoundary = false;
            if (lineStart && textLength > 3 && piece[0] == '-' && piece[1] == '-')
            {
                if (textLength >= _boundary.Length + 2 && piece.Slice(2, _boundary.Length).SequenceEqual(_boundary))
                {
                    if (!ProcessBoundaryLine(piece))
                    {
                        return;
                    }

                    isBoundary = true;
                }
                else
                {
                    if ((_flags & MultipartFlags.BoundaryQuoted) != 0
                        && textLength >= _boundary.Length + 3
                        && piece[2] == '"'
                        && piece.Slice(3, _boundary.Length).SequenceEqual(_boundary))
                    {
                        Fatal("Multipart: Invalid boundary (quotes).");
                        return;
                    }

                    var p = 2;
                    while (MultipartContentType.IsCSpace((char)At(piece, p)))
                    {
                        p++;
                    }

                    if (p != 2 && piece.Length - p >= _boundary.Length && piece.Slice(p, _boundary.Length).SequenceEqual(_boundary))
                    {
                        Fatal("Multipart: Invalid boundary (whitespace).");
                        return;
                    }

                    _unmatchedBoundary = 1;
                }
            }
            else if (lineStart && piece.IndexOf(_dashBoundary) >= 0)
            {
                _unmatchedBoundary = 1;
            }

            if (isBoundary)
            {
                return;
            }

            if (!_hasPart)
            {
                _flags |= MultipartFlags.DataBefore;
            }
            else if (_part.InHeaders)
            {
                if (full)
                {
                    Fatal("Multipart: Part header line over " + LineBufferSize.ToString(CultureInfo.InvariantCulture) + " bytes long");
                    return;
                }

                ProcessHeaderLine(piece);
            }
            else
            {
                ProcessDataLine(piece, offset);
            }
        }

        /// <summary>A line starting with "--" and our boundary; false after a fatal error.</summary>
        private bool ProcessBoundaryLine(ReadOnlySpan<byte> piece)
        {
            if (_boundaryCount > 0 && _unmatchedBoundary == 0)
            {
                _unmatchedBoundary = 2;
            }

            var end = 2 + _boundary.Length;
            var isFinal = false;
            if (At(piece, end) == '-' && At(piece, end + 1) == '-')
            {
                isFinal = true;
                end += 2;
                if (_isComplete)
                {
                    Fatal("Multipart: Invalid boundary (final duplicate).");
                    return false;
                }
            }

            var crlf = At(piece, end) == '\r' && At(piece, end + 1) == '\n' && end + 2 == piece.Length;
            var lf = At(piece, end) == '\n' && end + 1 == piece.Length;
            if (!crlf && !lf)
            {
                Fatal("Multipart: Invalid boundary: " + Encoding.Latin1.GetString(TrimLineEnding(piece)));
                return false;
            }

            _flags |= lf ? MultipartFlags.LfLine : MultipartFlags.CrlfLine;
            FinishPart(isFinal);
            if (_stopped)
            {
                return false;
            }

            if (isFinal)
            {
                _isComplete = true;
            }

            _boundaryCount++;
            return true;
        }

        private void ProcessHeaderLine(ReadOnlySpan<byte> piece)
        {
            if (piece.IndexOf((byte)0) >= 0)
            {
                Error("Multipart: Nul byte in part headers.");
                return;
            }

            _noFilesLength += piece.Length;
            if (!CheckNoFilesLimit())
            {
                return;
            }

            _flags |= piece.Length > 1 && piece[^2] == '\r' ? MultipartFlags.CrlfLine : MultipartFlags.LfLine;
            if (piece.SequenceEqual("\r\n"u8) || piece.SequenceEqual("\n"u8))
            {
                EndHeaders();
                return;
            }

            if (_part.RawHeaderLines.Count >= HeaderLineLimit)
            {
                Fatal("Multipart: More than " + HeaderLineLimit.ToString(CultureInfo.InvariantCulture) + " header lines in a part.");
                return;
            }

            var line = Encoding.Latin1.GetString(TrimLineEnding(piece));
            _part.RawHeaderLines.Add(line);
            if (MultipartContentType.IsCSpace((char)piece[0]))
            {
                ContinueFoldedHeader(piece);
                return;
            }

            var colon = piece.IndexOf((byte)':');
            if (colon < 0)
            {
                Error("Multipart: Invalid part header (colon missing): " + line);
                return;
            }

            if (colon == 0)
            {
                Error("Multipart: Invalid part header (header name missing).");
                return;
            }

            var name = piece[..colon];
            if (name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
            {
                Error("Multipart: Invalid part header (contains invalid character).");
                return;
            }

            var valueStart = colon + 1;
            while (valueStart < piece.Length && piece[valueStart] is (byte)' ' or (byte)'\t')
            {
                valueStart++;
            }

            var headerName = Encoding.Latin1.GetString(name);
            var headerValue = Encoding.Latin1.GetString(TrimLineEnding(piece[valueStart..]));
            if (_part.FindHeader(headerName) >= 0)
            {
                Error("Multipart: Duplicate part header: " + headerName + ".");
                return;
            }

            _part.LastHeaderName = headerName;
            _part.AddHeader(headerName, headerValue);
        }

        /// <summary>RFC 2557 allows SP and HTAB to fold a header; PHP takes any whitespace, so we accept it with a flag.</summary>
        private void ContinueFoldedHeader(ReadOnlySpan<byte> piece)
        {
            _flags |= MultipartFlags.HeaderFolding;
            if (_part.LastHeaderName.Length == 0)
            {
                if (piece[0] is not ((byte)' ' or (byte)'\t'))
                {
                    _flags |= MultipartFlags.InvalidHeaderFolding;
                }

                Error("Multipart: Invalid part header (folding error).");
                return;
            }

            var start = 0;
            while (start < piece.Length && MultipartContentType.IsCSpace((char)piece[start]))
            {
                if (piece[start] is not ((byte)' ' or (byte)'\t'))
                {
                    _flags |= MultipartFlags.InvalidHeaderFolding;
                }

                start++;
            }

            var continuation = TrimLineEnding(piece[start..]);
            var index = _part.FindHeader(_part.LastHeaderName);
            var previous = _part.HeaderValue(index);
            if (previous.Length + 1 + continuation.Length > LineBufferSize)
            {
                Error("Multipart: Part header too long.");
                return;
            }

            _part.SetHeaderValue(index, previous + " " + Encoding.Latin1.GetString(continuation));
        }

        private void EndHeaders()
        {
            var index = _part.FindHeader("Content-Disposition");
            if (index < 0)
            {
                Error("Multipart: Part missing Content-Disposition header.");
                return;
            }

            var disposition = _part.HeaderValue(index);
            var code = MultipartContentDisposition.Parse(disposition, ref _flags, out var name, out var fileName, _result, _limits.TextEncoding);
            _part.Name = name;
            _part.FileName = fileName;
            if (code < 0)
            {
                Error("Multipart: Invalid Content-Disposition header (" + code.ToString(CultureInfo.InvariantCulture) + "): " + disposition);
                return;
            }

            if (string.IsNullOrEmpty(name))
            {
                Error("Multipart: Content-Disposition header missing name field.");
                return;
            }

            if (!string.IsNullOrEmpty(fileName))
            {
                // Some backends find filename= by a crude search; make sure they would see what we saw.
                if (!disposition.Contains("filename=", StringComparison.Ordinal))
                {
                    Error("Multipart: Invalid Content-Disposition header (filename).");
                    return;
                }

                _part.IsFile = true;
            }

            _part.InHeaders = false;
            _part.LastHeaderName = string.Empty;
        }

        /// <summary>
        /// Data lines are contiguous in the body, so the value is a slice: it ends before the line ending of the last data
        /// line, which ModSecurity holds back in case the boundary follows (and hands on when more data comes).
        /// </summary>
        private void ProcessDataLine(ReadOnlySpan<byte> piece, int offset)
        {
            var heldBack = 0;
            if (piece[^1] == '\n')
            {
                heldBack = piece.Length >= 2 && piece[^2] == '\r' ? 2 : 1;
            }

            if (_part.DataStart < 0)
            {
                _part.DataStart = offset;
            }

            _part.DataEnd = offset + piece.Length - heldBack;
            if (!_part.IsFile)
            {
                _noFilesLength += piece.Length;
                CheckNoFilesLimit();
            }
        }

        private void FinishPart(bool isFinal)
        {
            if (_hasPart)
            {
                if (string.IsNullOrEmpty(_part.Name))
                {
                    _flags |= MultipartFlags.InvalidPart;
                }
                else
                {
                    EmitPart();
                }

                _hasPart = false;
            }

            if (isFinal)
            {
                return;
            }

            if (++_partsSeen > _limits.MultipartPartLimit)
            {
                Fatal("Multipart: More than " + _limits.MultipartPartLimit.ToString(CultureInfo.InvariantCulture) + " parts (MultipartPartLimit).");
                return;
            }

            _part.Reset();
            _hasPart = true;
        }

        private void EmitPart()
        {
            var encoding = _limits.TextEncoding;
            var name = ByteStrings.FromLatin1Text(_part.Name!, encoding);
            foreach (var line in _part.RawHeaderLines)
            {
                _result.AddMultipartPartHeader(name, ByteStrings.FromLatin1Text(line, encoding));
            }

            var start = Math.Max(0, _part.DataStart);
            if (_part.IsFile)
            {
                if (++_filesSeen > _limits.UploadFileLimit)
                {
                    _flags |= MultipartFlags.FileLimitExceeded;
                }

                _result.AddFile(new MultipartFile(name, ByteStrings.FromLatin1Text(_part.FileName!, encoding), start, _part.DataLength));
                return;
            }

            if (_argumentsAdded >= _argumentBudget)
            {
                _result.ArgumentsLimitExceeded = true;
                Error("Multipart: More arguments than SecArgumentsLimit allows (" + _limits.ArgumentsLimit.ToString(CultureInfo.InvariantCulture) + ").");
                return;
            }

            _result.AddArgument(name, ByteStrings.FromBytes(_body.Slice(start, _part.DataLength), encoding));
            _argumentsAdded++;
        }

        private void Complete(int position, bool lineStart)
        {
            if (_body.IsEmpty || _isComplete)
            {
                return;
            }

            if (_boundaryCount == 0)
            {
                Error("Multipart: No boundaries found in payload.");
                return;
            }

            // A final boundary without a line ending is still waiting in ModSecurity's buffer.
            var rest = _body[position..];
            if (!_stopped
                && lineStart
                && rest.Length == _dashBoundary.Length + 2
                && rest.StartsWith(_dashBoundary)
                && rest[^2] == '-'
                && rest[^1] == '-')
            {
                FinishPart(isFinal: true);
                _isComplete = true;
                return;
            }

            Error("Multipart: Final boundary missing.");
        }

        /// <summary>SecRequestBodyNoFilesLimit: part headers and form fields count, file content does not.</summary>
        private bool CheckNoFilesLimit()
        {
            if (_noFilesLength <= _limits.RequestBodyNoFilesLimit)
            {
                return true;
            }

            _result.LimitOutcome = _limits.LimitAction == BodyLimitAction.Reject || _result.LimitOutcome == BodyLimitOutcome.Rejected
                ? BodyLimitOutcome.Rejected
                : BodyLimitOutcome.Truncated;
            Fatal("Multipart: Request body no files data length is larger than the configured limit ("
                + _limits.RequestBodyNoFilesLimit.ToString(CultureInfo.InvariantCulture) + ").");
            return false;
        }

        /// <summary>An error after which ModSecurity stops parsing.</summary>
        private void Fatal(string message)
        {
            Error(message);
            _stopped = true;
        }

        private void Error(string message)
        {
            _flags |= MultipartFlags.Error;
            _result.SetError(ErrorPrefix + message);
        }

        /// <summary>The byte at <paramref name="index"/>, or 0 past the end, as the NUL-terminated buffer reads.</summary>
        private static byte At(ReadOnlySpan<byte> piece, int index) => index < piece.Length ? piece[index] : (byte)0;

        /// <summary>Strips trailing CR and LF bytes (ModSecurity's chomp).</summary>
        private static ReadOnlySpan<byte> TrimLineEnding(ReadOnlySpan<byte> bytes) => bytes.TrimEnd("\r\n"u8);
    }
}
