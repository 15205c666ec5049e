using System.Text;
using System.Xml.Linq;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// The ModSecurity variables rules 942100, 942101, 941100 and 941101 read, taken from a go-ftw stage the way
/// ModSecurity fills them: ARGS and ARGS_NAMES from the query string and from a body that is not XML (CRS rule 901340
/// makes URLENCODED the body processor when no other applies), cookies from the Cookie header, XML:/* as the
/// document's text and XML://@* as every attribute value, REQUEST_FILENAME as the percent-decoded path and
/// REQUEST_BASENAME as its last segment. Values are byte strings (one char per UTF-8 byte), as the engine sees them.
/// </summary>
internal sealed class CrsRequestVariables
{
    private static readonly Transformation ArgumentDecoding = Transformation.Resolve("urlDecode");

    private readonly List<(string Name, string Value)> _arguments = [];
    private readonly List<(string Name, string Value)> _cookies = [];
    private readonly List<string> _xmlText = [];
    private readonly List<string> _xmlAttributes = [];
    private readonly GoFtwStage _stage;
    private readonly string _path;

    public CrsRequestVariables(GoFtwStage stage)
    {
        _stage = stage;
        var question = stage.Uri.IndexOf('?', StringComparison.Ordinal);
        _path = question < 0 ? stage.Uri : stage.Uri[..question];
        if (question >= 0)
        {
            AddArguments(stage.Uri[(question + 1)..]);
        }

        if (stage.Headers.TryGetValue("Cookie", out var cookie))
        {
            foreach (var pair in cookie.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies.Add(equals < 0 ? (Bytes(pair), "") : (Bytes(pair[..equals]), Bytes(pair[(equals + 1)..])));
            }
        }

        if (stage.Data is null)
        {
            return;
        }

        stage.Headers.TryGetValue("Content-Type", out var contentType);
        if (contentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true)
        {
            var document = XDocument.Parse(stage.Data);
            _xmlText.Add(Bytes(document.Root?.Value ?? ""));
            _xmlAttributes.AddRange(document.Descendants().SelectMany(e => e.Attributes()).Select(a => Bytes(a.Value)));
        }
        else
        {
            AddArguments(stage.Data);
        }
    }

    /// <summary>The values of one target as written in a rule (ARGS, REQUEST_HEADERS:User-Agent, XML://@*, …).</summary>
    public IEnumerable<(string Name, string Value)> Collect(string target)
    {
        switch (target)
        {
            case "ARGS":
                return _arguments.Select(a => ($"ARGS:{a.Name}", a.Value));
            case "ARGS_NAMES":
                return _arguments.Select(a => ($"ARGS_NAMES:{a.Name}", a.Name));
            case "REQUEST_COOKIES":
                return _cookies.Select(c => ($"REQUEST_COOKIES:{c.Name}", c.Value));
            case "REQUEST_COOKIES_NAMES":
                return _cookies.Select(c => ($"REQUEST_COOKIES_NAMES:{c.Name}", c.Name));
            case "XML:/*":
                return _xmlText.Select(t => ("XML:/*", t));
            case "XML://@*":
                return _xmlAttributes.Select(t => ("XML://@*", t));
            case "REQUEST_FILENAME":
                return [("REQUEST_FILENAME", PercentDecode(Bytes(_path)))];
            case "REQUEST_BASENAME":
            {
                var filename = PercentDecode(Bytes(_path));
                return [("REQUEST_BASENAME", filename[(filename.LastIndexOfAny(['/', '\\']) + 1)..])];
            }
        }

        const string HeaderPrefix = "REQUEST_HEADERS:";
        if (target.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            var header = target[HeaderPrefix.Length..];
            return _stage.Headers.TryGetValue(header, out var value) ? [(target, Bytes(value))] : [];
        }

        throw new ArgumentException($"No values for target '{target}' in this test helper.", nameof(target));
    }

    private void AddArguments(string text)
    {
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            _arguments.Add((ArgumentDecoding.Apply(Bytes(name)), ArgumentDecoding.Apply(Bytes(value))));
        }
    }

    /// <summary>%XX decoding as ModSecurity decodes the path: '+' stays, an invalid escape stays as written.</summary>
    private static string PercentDecode(string text)
    {
        var decoded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                decoded.Append((char)Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                decoded.Append(text[i]);
            }
        }

        return decoded.ToString();
    }

    private static string Bytes(string text) => ByteText.FromBytes(Encoding.UTF8.GetBytes(text));
}
