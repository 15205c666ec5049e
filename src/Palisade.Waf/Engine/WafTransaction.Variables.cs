using System.Globalization;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

// Resolving targets and macros: which values a variable, collection or selector stands for right now.
public sealed partial class WafTransaction
{
    private readonly Dictionary<string, string> _tx = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TargetValue> _matchedVars;
    private Dictionary<VariableName, Dictionary<string, string>>? _otherCollections;
    private TargetValue? _matchedVar;
    private int _highestSeverity = 255;
    private CompiledRule? _currentRule;

    /// <summary>Adds the values <paramref name="target"/> stands for to <paramref name="output"/>, minus excluded members.</summary>
    private void Collect(CompiledTarget target, CompiledRule rule, List<TargetValue> output)
    {
        var start = output.Count;
        switch (target.Name)
        {
            case VariableName.Args:
                AddMembers(target, VariableName.Args, _argsGet, output);
                AddMembers(target, VariableName.Args, _argsPost, output);
                AddMembers(target, VariableName.Args, _argsBodyOnly, output);
                break;
            case VariableName.ArgsGet: AddMembers(target, target.Name, _argsGet, output); break;
            case VariableName.ArgsPost: AddMembers(target, target.Name, _argsPost, output); break;
            case VariableName.ArgsNames:
                AddNames(target, _argsGet, output);
                AddNames(target, _argsPost, output);
                AddNames(target, _argsBodyOnly, output);
                break;
            case VariableName.ArgsGetNames: AddNames(target, _argsGet, output); break;
            case VariableName.ArgsPostNames: AddNames(target, _argsPost, output); break;
            case VariableName.RequestHeaders: AddMembers(target, target.Name, _requestHeaders, output); break;
            case VariableName.RequestHeadersNames: AddNames(target, _requestHeaders, output); break;
            case VariableName.RequestCookies: AddMembers(target, target.Name, _requestCookies, output); break;
            case VariableName.RequestCookiesNames: AddNames(target, _requestCookies, output); break;
            case VariableName.ResponseHeaders: AddMembers(target, target.Name, _responseHeaders, output); break;
            case VariableName.ResponseHeadersNames: AddNames(target, _responseHeaders, output); break;
            case VariableName.Tx: AddDictionary(target, _tx, output); break;
            case VariableName.Files or VariableName.FilesNames or VariableName.FilesSizes or VariableName.FilesTmpContent or VariableName.FilesTmpNames:
                AddFiles(target, output);
                break;
            case VariableName.MultipartPartHeaders:
                foreach (var header in _body?.MultipartPartHeaders ?? [])
                {
                    AddIfSelected(target, target.Name, header.Name, header.Value, output);
                }

                break;
            case VariableName.MultipartName or VariableName.MultipartFilename:
                foreach (var name in (target.Name == VariableName.MultipartName ? _body?.MultipartNames : _body?.MultipartFileNames) ?? [])
                {
                    AddIfSelected(target, target.Name, name, name, output);
                }

                break;
            case VariableName.Xml:
                AddXml(target, output);
                break;
            case VariableName.MatchedVars:
                foreach (var matched in _matchedVars)
                {
                    AddIfSelected(target, target.Name, matched.FullName, matched.Value, output);
                }

                break;
            case VariableName.MatchedVarsNames:
                foreach (var matched in _matchedVars)
                {
                    var name = matched.FullName;
                    AddIfSelected(target, target.Name, name, name, output);
                }

                break;
            case VariableName.Rule:
                AddRuleMembers(target, rule, output);
                break;
            case VariableName.Env or VariableName.Geo or VariableName.Ip or VariableName.Global or VariableName.Session
                or VariableName.User or VariableName.Resource:
                if (_otherCollections?.GetValueOrDefault(target.Name) is { } collection)
                {
                    AddDictionary(target, collection, output);
                }

                break;
            default:
                if (ScalarValue(target.Name) is { } value)
                {
                    output.Add(new TargetValue(target.Name, "", value, VariableStability.IsFixedOnceKnown(target.Name) ? ScalarSlot(target.Name) : -1));
                }

                break;
        }

        if (target.IsCount)
        {
            var count = output.Count - start;
            output.RemoveRange(start, count);
            output.Add(new TargetValue(target.Name, "", Number(count)));
        }
    }

    private static void AddMembers(CompiledTarget target, VariableName name, List<VariableEntry> members, List<TargetValue> output)
    {
        foreach (var member in members)
        {
            AddIfSelected(target, name, member.Key, member.Value, output, member.ValueId);
        }
    }

    private static void AddNames(CompiledTarget target, List<VariableEntry> members, List<TargetValue> output)
    {
        foreach (var member in members)
        {
            AddIfSelected(target, target.Name, member.Key, member.Key, output, member.KeyId);
        }
    }

    /// <summary>Request facts get slots above every text id (text ids stay below <see cref="TransactionScratch.MaxTextIds"/>).</summary>
    private static int ScalarSlot(VariableName name) => (1 << 30) | (int)name;

    private static void AddDictionary(CompiledTarget target, Dictionary<string, string> members, List<TargetValue> output)
    {
        if (target.Key is { } key)
        {
            if (members.TryGetValue(key, out var value))
            {
                output.Add(new TargetValue(target.Name, key, value));
            }

            return;
        }

        foreach (var member in members)
        {
            AddIfSelected(target, target.Name, member.Key, member.Value, output);
        }
    }

    private static void AddIfSelected(CompiledTarget target, VariableName name, string key, string value, List<TargetValue> output, int slot = -1)
    {
        var selected = target.Variable.SelectorKind switch
        {
            VariableSelectorKind.None => true,
            VariableSelectorKind.Key => string.Equals(target.Key, key, StringComparison.OrdinalIgnoreCase),
            VariableSelectorKind.Regex => target.KeyPattern!.IsMatch(key),
            _ => false,
        };
        if (selected)
        {
            output.Add(new TargetValue(name, key, value, slot));
        }
    }

    private void AddFiles(CompiledTarget target, List<TargetValue> output)
    {
        if (_body is null)
        {
            return;
        }

        foreach (var file in _body.Files)
        {
            var value = target.Name switch
            {
                VariableName.Files => file.FileName,
                VariableName.FilesNames => file.PartName,
                VariableName.FilesSizes => Number(file.Size),
                VariableName.FilesTmpContent => Transformations.ByteText.FromBytes(file.ContentOf(_requestBody.AsSpan(0, _requestBodyLength))),
                _ => "",
            };
            AddIfSelected(target, target.Name, file.PartName, value, output);
        }
    }

    private void AddXml(CompiledTarget target, List<TargetValue> output)
    {
        if (_body?.Xml is not { } document)
        {
            return;
        }

        var path = target.XmlPath ?? DocumentElement;
        var values = new List<string>();
        document.Select(path, values);
        foreach (var value in values)
        {
            output.Add(new TargetValue(VariableName.Xml, path.Expression, value));
        }
    }

    private static readonly XmlPath DocumentElement = XmlPath.Parse("/*");

    private void AddRuleMembers(CompiledTarget target, CompiledRule rule, List<TargetValue> output)
    {
        var definition = rule.Definition;
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                AddIfSelected(target, VariableName.Rule, key, value, output);
            }
        }

        Add("id", rule.IdText);
        Add("phase", Number(definition.Phase));
        Add("msg", definition.Message?.Text);
        Add("logdata", definition.LogData?.Text);
        Add("severity", definition.Severity is { } severity ? Number(severity) : null);
        Add("ver", definition.Version);
        Add("rev", definition.Revision);
        Add("maturity", definition.Maturity is { } maturity ? Number(maturity) : null);
        Add("accuracy", definition.Accuracy is { } accuracy ? Number(accuracy) : null);
    }

    /// <summary>The value of a scalar variable, or null when it has none yet (no target value then).</summary>
    private string? ScalarValue(VariableName name)
    {
        var body = _body;
        return name switch
        {
            VariableName.RemoteAddr or VariableName.RemoteHost => _remoteAddress,
            VariableName.RemotePort => _remotePort,
            VariableName.ServerAddr => _serverAddress,
            VariableName.ServerPort => _serverPort,
            VariableName.ServerName => _serverName,
            VariableName.RequestMethod => _requestMethod,
            VariableName.RequestProtocol => _requestProtocol,
            VariableName.RequestUri => _requestUri,
            VariableName.RequestUriRaw => _requestUriRaw,
            VariableName.RequestLine => _requestLine,
            VariableName.RequestFilename or VariableName.PathInfo => _requestFilename,
            VariableName.RequestBasename => _requestBasename,
            VariableName.QueryString => _queryString,
            // As Coraza: the raw body for URL-encoded, JSON and unprocessed bodies; XML and multipart expose theirs parsed.
            VariableName.RequestBody => _phasesRun >= 2 && _requestBodyLength > 0 && body?.Processor is null or BodyProcessorKind.UrlEncoded or BodyProcessorKind.Json ? RequestBodyText : null,
            VariableName.RequestBodyLength => Number(_requestBodyLength),
            VariableName.ReqbodyError or VariableName.ReqbodyProcessorError => body?.HasError == true ? "1" : "0",
            VariableName.ReqbodyErrorMsg or VariableName.ReqbodyProcessorErrorMsg => body?.ErrorMessage ?? "",
            // libmodsecurity sets it as soon as the Content-Type header arrives (CRS 920400 reads it in phase 1).
            VariableName.ReqbodyProcessor => (body?.Processor ?? _forcedBodyProcessor ?? BodyProcessorNames.FromContentType(_requestContentType)) is { } kind
                ? BodyProcessorNames.ToName(kind)
                : null,
            VariableName.UrlencodedError => _queryEncodingError || body?.UrlEncodedError == true ? "1" : "0",
            VariableName.InboundDataError => body?.InboundDataError == true || _requestBodyOverLimit || _requestMembersDropped ? "1" : "0",
            VariableName.OutboundDataError => _responseBodyOverLimit ? "1" : "0",
            VariableName.ArgsCombinedSize => Number(CombinedSize()),
            VariableName.FilesCombinedSize => Number(body?.FilesCombinedSize ?? 0),
            VariableName.FullRequest => FullRequest(),
            VariableName.FullRequestLength => Number(FullRequest().Length),
            VariableName.ResponseBody => _phasesRun >= 4 && _responseBodyLength > 0 ? ResponseBodyText : null,
            VariableName.ResponseContentLength => _responseContentLength,
            VariableName.ResponseContentType => _responseContentType,
            VariableName.ResponseProtocol => _responseProtocol,
            VariableName.ResponseStatus => _responseStatus,
            VariableName.StatusLine => _statusLine,
            VariableName.UniqueId => Id,
            VariableName.MatchedVar => _matchedVar?.Value,
            VariableName.MatchedVarName => _matchedVar?.FullName,
            VariableName.HighestSeverity => Number(_highestSeverity),
            VariableName.Duration => Number((long)_engine.Options.TimeProvider.GetElapsedTime(_startTimestamp).TotalMilliseconds),
            VariableName.Time => _localStartTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            VariableName.TimeDay => Number(_localStartTime.Day),
            VariableName.TimeEpoch => Number(_startTime.ToUnixTimeSeconds()),
            VariableName.TimeHour => Number(_localStartTime.Hour),
            VariableName.TimeMin => Number(_localStartTime.Minute),

            // struct tm's tm_mon, as the reference manual documents it: 0 (January) to 11.
            VariableName.TimeMon => Number(_localStartTime.Month - 1),
            VariableName.TimeSec => Number(_localStartTime.Second),
            VariableName.TimeWday => Number((int)_localStartTime.DayOfWeek),
            VariableName.TimeYear => Number(_localStartTime.Year),
            VariableName.ModsecBuild => "030009000",
            VariableName.MscPcreLimitsExceeded => "0",
            VariableName.WebAppId => _engine.Configuration.Settings.WebAppId ?? "default",
            VariableName.SessionId => Other(VariableName.Session, "__palisade_id"),
            VariableName.UserId => Other(VariableName.User, "__palisade_id"),
            VariableName.AuthType or VariableName.RemoteUser => null,
            VariableName.MultipartStrictError => Flag(body?.MultipartStrictError == true),
            VariableName.MultipartUnmatchedBoundary => Number(body?.MultipartUnmatchedBoundary ?? 0),
            VariableName.MultipartCrlfLfLines => Flag(body?.MultipartMixedLineEndings == true),
            VariableName.MultipartBoundaryQuoted => MultipartFlag(MultipartFlags.BoundaryQuoted),
            VariableName.MultipartBoundaryWhitespace => MultipartFlag(MultipartFlags.BoundaryWhitespace),
            VariableName.MultipartDataAfter => MultipartFlag(MultipartFlags.DataAfter),
            VariableName.MultipartDataBefore => MultipartFlag(MultipartFlags.DataBefore),
            VariableName.MultipartFileLimitExceeded => MultipartFlag(MultipartFlags.FileLimitExceeded),
            VariableName.MultipartHeaderFolding => MultipartFlag(MultipartFlags.HeaderFolding),
            VariableName.MultipartInvalidHeaderFolding => MultipartFlag(MultipartFlags.InvalidHeaderFolding),
            VariableName.MultipartInvalidPart => MultipartFlag(MultipartFlags.InvalidPart),
            VariableName.MultipartInvalidQuoting => MultipartFlag(MultipartFlags.InvalidQuoting),
            VariableName.MultipartLfLine => MultipartFlag(MultipartFlags.LfLine),
            VariableName.MultipartMissingSemicolon => MultipartFlag(MultipartFlags.MissingSemicolon),
            _ => null,
        };
    }

    private static string Flag(bool value) => value ? "1" : "0";

    private string MultipartFlag(MultipartFlags flag) => Flag(_body is { } body && (body.MultipartFlags & flag) != 0);

    private string? Other(VariableName collection, string key) =>
        _otherCollections?.GetValueOrDefault(collection)?.GetValueOrDefault(key);

    private long CombinedSize()
    {
        long size = 0;
        foreach (var list in (ReadOnlySpan<List<VariableEntry>>)[_argsGet, _argsPost, _argsBodyOnly])
        {
            foreach (var entry in list)
            {
                size += entry.Key.Length + entry.Value.Length;
            }
        }

        return size;
    }

    /// <summary>The first value of %{VAR} or %{COLLECTION.key}, as ModSecurity expands macros; empty when there is none.</summary>
    private string MacroValue(VariableName name, string? key, CompiledRule? rule)
    {
        if (!VariableCatalog.IsCollection(name))
        {
            return ScalarValue(name) ?? "";
        }

        if (name == VariableName.Tx && key is not null)
        {
            return _tx.GetValueOrDefault(key) ?? "";
        }

        var variable = key is null
            ? new RuleVariable { Name = name }
            : new RuleVariable { Name = name, Selector = key, SelectorKind = VariableSelectorKind.Key };
        var values = new List<TargetValue>();
        Collect(CompiledTarget.Compile(variable), rule ?? _currentRule!, values);
        return values.Count > 0 ? values[0].Value : "";
    }

    /// <summary>Expands every %{…} in <paramref name="text"/>.</summary>
    private string Expand(MacroString text, CompiledRule? rule)
    {
        if (text.IsConstant)
        {
            return text.Text;
        }

        var segments = text.SegmentArray;
        switch (segments.Length)
        {
            case 1:
                return MacroValue(segments[0].Variable, segments[0].Key, rule);
            case 2:
                return string.Concat(Piece(segments[0], rule), Piece(segments[1], rule));
            case 3:
                return string.Concat(Piece(segments[0], rule), Piece(segments[1], rule), Piece(segments[2], rule));
            default:
                var builder = new System.Text.StringBuilder();
                foreach (var segment in segments)
                {
                    builder.Append(Piece(segment, rule));
                }

                return builder.ToString();
        }
    }

    private string Piece(MacroSegment segment, CompiledRule? rule) =>
        segment.IsLiteral ? segment.Literal : MacroValue(segment.Variable, segment.Key, rule);

    private Dictionary<string, string> WritableCollection(VariableName name)
    {
        if (name == VariableName.Tx)
        {
            return _tx;
        }

        _otherCollections ??= [];
        if (!_otherCollections.TryGetValue(name, out var collection))
        {
            collection = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            _otherCollections[name] = collection;
        }

        return collection;
    }
}
