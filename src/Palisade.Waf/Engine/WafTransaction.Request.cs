using System.Globalization;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Engine;

// The request and response facts the variables read: filled from the host's calls, parsed once.
public sealed partial class WafTransaction
{
    private readonly List<VariableEntry> _argsGet = [];
    private readonly List<VariableEntry> _argsPost = [];
    private readonly List<VariableEntry> _argsBodyOnly = [];
    private readonly List<VariableEntry> _requestHeaders = [];
    private readonly List<VariableEntry> _requestCookies = [];
    private readonly List<VariableEntry> _responseHeaders = [];
    private readonly List<BodyArgument> _parsedArguments = [];
    private RequestBodyResult? _body;
    private string _remoteAddress = "";
    private string _remotePort = "0";
    private string _serverAddress = "";
    private string _serverPort = "0";
    private string _serverName;
    private string? _requestMethod;
    private string? _requestProtocol;
    private string? _requestUri;
    private string? _requestUriRaw;
    private string? _requestLine;
    private string? _requestFilename;
    private string? _requestBasename;
    private string? _queryString;
    private string? _requestContentType;
    private string? _requestBodyText;
    private string? _responseBodyText;
    private string? _responseStatus;
    private string? _responseProtocol;
    private string? _statusLine;
    private string? _responseContentType;
    private string? _responseContentLength;
    private bool _queryEncodingError;
    private bool _requestMembersDropped;

    private const int MaxHeadersOrCookies = 5000;

    private void SetRequestLine(string target, string method, string protocol)
    {
        _requestMethod = method;
        _requestProtocol = protocol;
        _requestUriRaw = target;

        // Reference manual: REQUEST_URI "will never contain a domain name, even if it was provided on the request line".
        _requestUri = StripSchemeAndAuthority(target);
        _requestLine = method + " " + target + " " + protocol;

        // Coraza and ModSecurity keep the fragment only in the raw forms; the path and the query stop before it.
        var end = target.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = end < 0 ? target : target[..end];
        var question = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? withoutFragment : withoutFragment[..question];
        if (question >= 0)
        {
            _queryString = withoutFragment[(question + 1)..];
        }

        rawPath = StripSchemeAndAuthority(rawPath);
        _requestFilename = PercentDecode(rawPath);
        var slash = _requestFilename.AsSpan().LastIndexOfAny('/', '\\');
        _requestBasename = slash < 0 ? _requestFilename : _requestFilename[(slash + 1)..];

        _argsGet.Clear();
        if (!string.IsNullOrEmpty(_queryString))
        {
            _parsedArguments.Clear();
            var limits = _engine.BodyLimits;
            var parsed = UrlEncodedParser.Parse(_queryString.AsSpan(), limits.ArgumentSeparator, limits.ArgumentsLimit, limits.TextEncoding, _parsedArguments);
            _queryEncodingError = parsed.InvalidEncoding;
            foreach (var argument in _parsedArguments)
            {
                _argsGet.Add(Entry(argument.Name, argument.Value));
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>"http://host:80/p" → "/p" (absolute-form request targets, RFC 9112 §3.2.2).</summary>
    private static string StripSchemeAndAuthority(string path)
    {
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || path[0] == '/' || path.AsSpan(0, scheme).ContainsAnyExcept(SchemeCharacters))
        {
            return path;
        }

        var rest = scheme + 3;
        var end = path.AsSpan(rest).IndexOfAny('/', '?');
        return end < 0 ? "/" : path[(rest + end)] == '/' ? path[(rest + end)..] : "/" + path[(rest + end)..];
    }

    /// <summary>%XX decoding of a path (no '+'), bytes kept as Latin-1 chars; invalid sequences stay as written.</summary>
    private static string PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var chars = new char[text.Length];
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                chars[written++] = CType.HexPairToByte(text[i + 1], text[i + 2]);
                i += 2;
            }
            else
            {
                chars[written++] = text[i];
            }
        }

        return new string(chars, 0, written);
    }


    private VariableEntry Entry(string key, string value) => new(key, value, TextId(key), TextId(value));

    /// <summary>The number of a distinct text of this transaction (-1 past the bound, which only turns caching off).</summary>
    private int TextId(string text)
    {
        var ids = _scratch.TextIds;
        if (ids.TryGetValue(text, out var id))
        {
            return id;
        }

        if (ids.Count >= TransactionScratch.MaxTextIds)
        {
            return -1;
        }

        id = ids.Count;
        ids[text] = id;
        return id;
    }

    private void AddHeader(string name, string value)
    {
        // Bounded, so a request with 50,000 cookies costs no more than the bound allows, yet far above what a server
        // accepts (Kestrel: 100 headers, 32 KB, i.e. at most a few thousand cookies), so nothing a server would pass
        // on goes uninspected. What is dropped shows as INBOUND_DATA_ERROR.
        if (_requestHeaders.Count >= MaxHeadersOrCookies)
        {
            _requestMembersDropped = true;
            return;
        }

        _requestHeaders.Add(Entry(name, value));
        if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            ParseCookies(value);
        }
        else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            _requestContentType = value;
        }
        else if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
        {
            var host = value.Trim();
            var colon = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
            _serverName = colon > 0 ? host[..colon] : host;
        }
    }

    /// <summary>Cookie: a=1; b=2 — pairs split on ';', leading blanks dropped, the name up to the first '='.</summary>
    private void ParseCookies(string header)
    {
        foreach (var range in header.AsSpan().Split(';'))
        {
            var piece = header.AsSpan(range).TrimStart(' ').TrimStart('\t');
            if (piece.IsEmpty)
            {
                continue;
            }

            var equals = piece.IndexOf('=');
            var name = equals < 0 ? piece : piece[..equals];
            var value = equals < 0 ? [] : piece[(equals + 1)..];
            if (_requestCookies.Count >= MaxHeadersOrCookies)
            {
                _requestMembersDropped = true;
                return;
            }

            _requestCookies.Add(Entry(name.ToString(), value.ToString()));
        }
    }

    /// <summary>Phase 2's prelude: picks the processor (ctl first, then Content-Type) and fills the body variables.</summary>
    private void ProcessBody()
    {
        if (!_requestBodyAccess || _mode == RuleEngineMode.Off)
        {
            return;
        }

        var kind = _forcedBodyProcessor ?? BodyProcessorNames.FromContentType(_requestContentType);
        if (kind is null)
        {
            return;
        }

        if (_requestBodyLength == 0)
        {
            // Nothing to parse, but REQBODY_PROCESSOR still names the processor.
            _body = new RequestBodyResult { Processor = kind };
            return;
        }

        _body = new RequestBodyResult();
        var limits = _engine.BodyLimits;
        if (_requestBodyLimit != limits.RequestBodyLimit)
        {
            limits = limits with { RequestBodyLimit = _requestBodyLimit };
        }

        RequestBodyProcessor.Process(kind.Value, _requestBody.AsSpan(0, _requestBodyLength), _requestContentType, limits, _argsGet.Count, _body);
        if (_requestBodyOverLimit && _body.LimitOutcome == BodyLimitOutcome.WithinLimits)
        {
            _body.LimitOutcome = limits.LimitAction == BodyLimitAction.Reject ? BodyLimitOutcome.Rejected : BodyLimitOutcome.Truncated;
        }

        var target = _body.ArgumentsArePostArguments ? _argsPost : _argsBodyOnly;
        foreach (var argument in _body.Arguments)
        {
            target.Add(Entry(argument.Name, argument.Value));
        }
    }

    private string RequestBodyText => _requestBodyText ??= ByteText.FromBytes(_requestBody.AsSpan(0, _requestBodyLength));

    private string ResponseBodyText => _responseBodyText ??= ByteText.FromBytes(_responseBody.AsSpan(0, _responseBodyLength));

    private string FullRequest()
    {
        var text = new System.Text.StringBuilder();
        text.Append(_requestLine).Append('\n');
        foreach (var header in _requestHeaders)
        {
            text.Append(header.Key).Append(": ").Append(header.Value).Append('\n');
        }

        text.Append('\n').Append(RequestBodyText);
        return text.ToString();
    }

    /// <summary>Decimal text; small numbers (counts, flags, sizes of small things) come from a table, not a new string.</summary>
    private static string Number(long value) =>
        (ulong)value < (ulong)SmallNumbers.Length ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] SmallNumbers = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];
}
