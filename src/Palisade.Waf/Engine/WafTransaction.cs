using System.Buffers;
using System.Globalization;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// One HTTP exchange through the engine. The host feeds it in HTTP order — connection, request line, headers
/// (phase 1), body (phase 2), response headers (phase 3), response body (phase 4), logging (phase 5) — and stops
/// forwarding as soon as a Process… call returns an intervention. A phase the host skips runs when a later one is
/// called. Not thread-safe; dispose it to return its buffers.
/// </summary>
public sealed partial class WafTransaction : IDisposable
{
    private readonly WafEngine _engine;
    private readonly TransactionScratch _scratch;
    private readonly long _startTimestamp;
    private readonly DateTimeOffset _startTime;
    private readonly DateTimeOffset _localStartTime;
    private int _phasesRun;
    private RuleEngineMode _mode;
    private bool _requestBodyAccess;
    private bool _responseBodyAccess;
    private long _requestBodyLimit;
    private long _responseBodyLimit;
    private BodyProcessorKind? _forcedBodyProcessor;
    private AuditEngineMode? _auditEngine;
    private byte[]? _requestBody;
    private int _requestBodyLength;
    private bool _requestBodyOverLimit;
    private byte[]? _responseBody;
    private int _responseBodyLength;
    private bool _responseBodyOverLimit;
    private bool _allowRemainingPhases;
    private bool _allowRequestPhases;
    private bool _disposed;

    internal WafTransaction(WafEngine engine, string uniqueId)
    {
        _engine = engine;
        Id = uniqueId;
        _scratch = engine.RentScratch();
        _values = _scratch.Values;
        _matchedVars = _scratch.MatchedVars;
        _captures = _scratch.Captures;
        _cache = _scratch.Cache;
        _prefilterBits = _scratch.PrefilterBits;
        _mode = engine.Mode;
        _requestBodyAccess = engine.RequestBodyAccess;
        _responseBodyAccess = engine.ResponseBodyAccess;
        _requestBodyLimit = engine.BodyLimits.RequestBodyLimit;
        _responseBodyLimit = engine.ResponseBodyLimit;
        var time = engine.Options.TimeProvider;
        _startTimestamp = time.GetTimestamp();
        _startTime = time.GetUtcNow();

        // libmodsecurity 3 computes TIME_* with localtime_r: the host's local zone.
        _localStartTime = TimeZoneInfo.ConvertTime(_startTime, time.LocalTimeZone);
        _serverName = engine.Options.ServerName;
    }

    /// <summary>UNIQUE_ID.</summary>
    public string Id { get; }

    /// <summary>The rule engine mode now in force (SecRuleEngine, changed by ctl:ruleEngine).</summary>
    public RuleEngineMode Mode => _mode;

    /// <summary>The first disruptive action taken; null while the transaction may go on (always null in DetectionOnly).</summary>
    public WafIntervention? Intervention { get; private set; }

    /// <summary>Every rule that matched so far, in order.</summary>
    public IReadOnlyList<WafMatchedRule> MatchedRules => _matchedRules;

    /// <summary>Whether the host should hand the request body over (SecRequestBodyAccess, ctl:requestBodyAccess).</summary>
    public bool IsRequestBodyAccessible => _requestBodyAccess && _mode != RuleEngineMode.Off;

    /// <summary>Whether the host should hand the response body over: access is on and the MIME type is inspected.</summary>
    public bool IsResponseBodyAccessible
    {
        get
        {
            if (!_responseBodyAccess || _mode == RuleEngineMode.Off)
            {
                return false;
            }

            var type = _responseContentType ?? "";
            var end = type.IndexOf(';', StringComparison.Ordinal);
            var mime = (end < 0 ? type : type[..end]).Trim();
            foreach (var accepted in _engine.ResponseBodyMimeTypes)
            {
                if (string.Equals(accepted, mime, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The TCP connection: REMOTE_ADDR, REMOTE_PORT, SERVER_ADDR, SERVER_PORT.</summary>
    public void ProcessConnection(string clientAddress, int clientPort, string serverAddress, int serverPort)
    {
        _remoteAddress = clientAddress ?? "";
        _remotePort = clientPort.ToString(CultureInfo.InvariantCulture);
        _serverAddress = serverAddress ?? "";
        _serverPort = serverPort.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The request line: <paramref name="requestTarget"/> exactly as sent (origin form "/a%20b?x=1", "*", or an
    /// absolute URI), the method and the protocol ("HTTP/1.1"). Fills REQUEST_URI(_RAW), REQUEST_FILENAME,
    /// REQUEST_BASENAME, QUERY_STRING, ARGS_GET and REQUEST_LINE.
    /// </summary>
    public void ProcessUri(string requestTarget, string method, string protocol)
    {
        ArgumentNullException.ThrowIfNull(requestTarget);
        SetRequestLine(requestTarget, method ?? "", protocol ?? "");
    }

    /// <summary>One request header, in arrival order; a repeated name is kept as another member.</summary>
    public void AddRequestHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        AddHeader(name, value ?? "");
    }

    /// <summary>Runs phase 1 (request headers).</summary>
    public WafIntervention? ProcessRequestHeaders()
    {
        RunPhasesThrough(1);
        return Intervention;
    }

    /// <summary>
    /// Buffers a piece of the request body for phase 2. Beyond SecRequestBodyLimit the rest is dropped; with
    /// SecRequestBodyLimitAction Reject (and the engine On) the answer is an intervention with status 413.
    /// </summary>
    public WafIntervention? AppendRequestBody(ReadOnlySpan<byte> chunk)
    {
        if (Intervention is not null || !IsRequestBodyAccessible)
        {
            return Intervention;
        }

        var room = (int)Math.Min(int.MaxValue - 1, _requestBodyLimit) - _requestBodyLength;
        if (chunk.Length > room)
        {
            _requestBodyOverLimit = true;
            chunk = chunk[..Math.Max(0, room)];
            if (_engine.BodyLimits.LimitAction == BodyLimitAction.Reject && _mode == RuleEngineMode.On)
            {
                Intervention = new WafIntervention(413, DisruptiveAction.Deny, null, null, "Request body is larger than SecRequestBodyLimit.");
            }
        }

        Append(ref _requestBody, ref _requestBodyLength, chunk);
        return Intervention;
    }

    /// <summary>Processes the buffered body (the body processor chosen by Content-Type or ctl) and runs phase 2.</summary>
    public WafIntervention? ProcessRequestBody()
    {
        RunPhasesThrough(2);
        return Intervention;
    }

    /// <summary>One response header, in order.</summary>
    public void AddResponseHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value ??= "";
        _responseHeaders.Add(Entry(name, value));
        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            _responseContentType = value;
        }
        else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            _responseContentLength = value;
        }
    }

    /// <summary>The response status line and phase 3 (response headers).</summary>
    public WafIntervention? ProcessResponseHeaders(int status, string protocol)
    {
        _responseStatus = status.ToString(CultureInfo.InvariantCulture);
        _responseProtocol = protocol ?? "";
        _statusLine = _responseProtocol + " " + _responseStatus;
        RunPhasesThrough(3);
        return Intervention;
    }

    /// <summary>Buffers a piece of the response body for phase 4 (up to SecResponseBodyLimit).</summary>
    public WafIntervention? AppendResponseBody(ReadOnlySpan<byte> chunk)
    {
        if (Intervention is not null || !IsResponseBodyAccessible)
        {
            return Intervention;
        }

        var room = (int)Math.Min(int.MaxValue - 1, _responseBodyLimit) - _responseBodyLength;
        if (chunk.Length > room)
        {
            _responseBodyOverLimit = true;
            chunk = chunk[..Math.Max(0, room)];
            if (_engine.ResponseBodyLimitAction == BodyLimitAction.Reject && _mode == RuleEngineMode.On)
            {
                Intervention = new WafIntervention(500, DisruptiveAction.Deny, null, null, "Response body is larger than SecResponseBodyLimit.");
            }
        }

        Append(ref _responseBody, ref _responseBodyLength, chunk);
        return Intervention;
    }

    /// <summary>Runs phase 4 (response body).</summary>
    public WafIntervention? ProcessResponseBody()
    {
        RunPhasesThrough(4);
        return Intervention;
    }

    /// <summary>Runs phase 5 (logging) and writes the audit record. Call it once, last, even after an intervention.</summary>
    public void ProcessLogging()
    {
        RunPhasesThrough(5);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _engine.ReturnScratch(_scratch);
        Return(ref _requestBody);
        Return(ref _responseBody);
    }

    private void RunPhasesThrough(int lastPhase)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_phasesRun < lastPhase)
        {
            var phase = ++_phasesRun;
            if (phase == 2)
            {
                ProcessBody();
            }

            if (phase == 5)
            {
                RunPhase(5);
                WriteAuditRecord();
                continue;
            }

            var skipped = Intervention is not null || _allowRemainingPhases || (_allowRequestPhases && phase <= 2);
            if (!skipped)
            {
                RunPhase(phase);
            }
        }
    }

    private static void Append(ref byte[]? buffer, ref int length, ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        var needed = length + chunk.Length;
        if (buffer is null || buffer.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(int.MaxValue / 2, (buffer?.Length ?? 0) * 2)));
            if (buffer is not null)
            {
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            buffer = bigger;
        }

        chunk.CopyTo(buffer.AsSpan(length));
        length = needed;
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
