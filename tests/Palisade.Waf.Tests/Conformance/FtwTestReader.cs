using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Palisade.Waf.Tests.Conformance;

/// <summary>
/// Reads CRS's go-ftw YAML tests and builds each stage's request the way go-ftw's client does (ftwhttp/request.go:
/// with autocomplete on, a body gets "Content-Type: application/x-www-form-urlencoded" when it has none and its
/// key=value pairs are URL-encoded unless already encoded, multipart bodies get CRLF line ends, and Connection: close
/// and Content-Length are added). Text is sent as UTF-8, so header and URI characters become Latin-1 byte strings.
/// </summary>
internal static partial class FtwTestReader
{
    public static IReadOnlyList<FtwTestCase> ReadDirectory(string directory)
    {
        var deserializer = new DeserializerBuilder().Build();
        var cases = new List<FtwTestCase>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (deserializer.Deserialize<Dictionary<object, object>?>(File.ReadAllText(file)) is not { } document)
            {
                continue;
            }

            var ruleId = Text(document.GetValueOrDefault("rule_id"));
            foreach (var test in List(document.GetValueOrDefault("tests")))
            {
                var stages = new List<FtwStage>();
                foreach (var stage in List(Map(test).GetValueOrDefault("stages")))
                {
                    stages.Add(ReadStage(Map(stage)));
                }

                cases.Add(new FtwTestCase($"{ruleId}-{Text(Map(test).GetValueOrDefault("test_id"))}", stages));
            }
        }

        return cases;
    }

    private static FtwStage ReadStage(Dictionary<object, object> stage)
    {
        var input = Map(stage.GetValueOrDefault("input"));
        var output = Map(stage.GetValueOrDefault("output"));
        var log = Map(output.GetValueOrDefault("log"));
        var expect = Ids(log.GetValueOrDefault("expect_ids"));
        var noExpect = Ids(log.GetValueOrDefault("no_expect_ids"));
        if (input.GetValueOrDefault("encoded_request") is string encoded)
        {
            return FromRaw(Convert.FromBase64String(encoded), expect, noExpect);
        }

        var method = Text(input.GetValueOrDefault("method")) ?? "GET";
        var uri = Bytes(Text(input.GetValueOrDefault("uri")) ?? "/");
        var version = Text(input.GetValueOrDefault("version")) ?? "HTTP/1.1";
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in Map(input.GetValueOrDefault("headers")))
        {
            headers.Add(new(Bytes(Text(name)!), Bytes(Text(value) ?? "")));
        }

        var body = input.GetValueOrDefault("data") is { } data ? Encoding.UTF8.GetBytes(Text(data) ?? "") : null;
        var autocomplete = input.GetValueOrDefault("autocomplete_headers") is not string auto || !auto.Equals("false", StringComparison.OrdinalIgnoreCase);
        if (body is { Length: > 0 } && autocomplete)
        {
            if (Header(headers, "Content-Type") is null)
            {
                headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
            }

            if (Header(headers, "Content-Type") == "application/x-www-form-urlencoded")
            {
                body = EncodeForm(body);
            }
        }

        if (body is not null && (Header(headers, "Content-Type") ?? "").StartsWith("multipart/form-data;", StringComparison.Ordinal))
        {
            body = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(body).Replace("\n", "\r\n", StringComparison.Ordinal));
        }

        if (autocomplete)
        {
            if (Header(headers, "Connection") is null)
            {
                headers.Add(new("Connection", "close"));
            }

            if ((body is { Length: > 0 } || MethodWithBody().IsMatch(method)) && Header(headers, "Content-Length") is null)
            {
                headers.Add(new("Content-Length", (body?.Length ?? 0).ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new FtwStage(method, uri, version, headers, body, expect, noExpect);
    }

    private static FtwStage FromRaw(byte[] raw, IReadOnlyList<int> expect, IReadOnlyList<int> noExpect)
    {
        var text = Encoding.Latin1.GetString(raw);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? text : text[..headEnd];
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        var body = headEnd >= 0 && headEnd + 4 < raw.Length ? raw[(headEnd + 4)..] : null;
        return new FtwStage(parts[0], parts.Length > 1 ? parts[1] : "/", parts.Length > 2 ? parts[2] : "HTTP/1.1", headers, body, expect, noExpect);
    }

    /// <summary>go-ftw's encodeDataParameters: only data that URL-decoding would not change is encoded, pair by pair.</summary>
    private static byte[] EncodeForm(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        if (text.Contains('+', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal))
        {
            return data;
        }

        var pairs = text.Split('&').Select(token =>
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? QueryEscape(token) : QueryEscape(token[..equals]) + "=" + QueryEscape(token[(equals + 1)..]);
        });
        return Encoding.Latin1.GetBytes(string.Join('&', pairs));
    }

    /// <summary>Go's url.QueryEscape over bytes: unreserved characters stay, space becomes '+', the rest %XX.</summary>
    private static string QueryEscape(string bytes)
    {
        var escaped = new StringBuilder(bytes.Length);
        foreach (var c in bytes)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                escaped.Append(c);
            }
            else if (c == ' ')
            {
                escaped.Append('+');
            }
            else
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Bytes(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    private static Dictionary<object, object> Map(object? node) => node as Dictionary<object, object> ?? [];

    private static List<object> List(object? node) => node as List<object> ?? [];

    private static string? Text(object? node) => node?.ToString();

    private static List<int> Ids(object? node) =>
        node is List<object> list ? list.Select(id => int.Parse(Text(id)!, CultureInfo.InvariantCulture)).ToList()
        : node is null ? [] : [int.Parse(Text(node)!, CultureInfo.InvariantCulture)];

    // go-ftw's methodsWithBodyRegex, as written there (the alternation makes only POST anchored at the start).
    [GeneratedRegex("^POST|PUT|PATCH|DELETE$")]
    private static partial Regex MethodWithBody();
}
