using System.Globalization;
using System.Text;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// Reads the part of go-ftw's YAML test format that CRS's 942100, 942101, 941100 and 941101 files use: rule_id,
/// tests with test_id and desc, stages with input (method, uri, headers, data) and output.log (expect_ids,
/// no_expect_ids).
/// Scalars may be plain, 'single-quoted' or "double-quoted" with YAML escapes, each on one line. Anything else the
/// reader does not understand is an error, so a format change fails the test instead of dropping cases.
/// </summary>
internal static class GoFtwYamlReader
{
    public static IReadOnlyList<GoFtwTest> Read(string path)
    {
        var ruleId = 0;
        var tests = new List<TestBuilder>();
        TestBuilder? test = null;
        StageBuilder? stage = null;
        var headersIndent = -1;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            var content = line.TrimStart();
            if (content.Length == 0 || content.StartsWith('#') || content == "---")
            {
                continue;
            }

            var indent = line.Length - content.Length;
            if (content.StartsWith("- ", StringComparison.Ordinal))
            {
                content = content[2..];
                indent += 2;
            }

            var colon = KeyEnd(content);
            if (colon < 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'key: value', found '{content}'.");
            }

            var key = content[..colon];
            var value = content[(colon + 1)..].Trim();
            if (headersIndent >= 0 && indent > headersIndent)
            {
                Require(stage, path, lineNumber).Headers[key] = Scalar(value, path, lineNumber);
                continue;
            }

            headersIndent = -1;
            switch (key)
            {
                case "rule_id":
                    ruleId = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "test_id":
                    test = new TestBuilder(int.Parse(value, CultureInfo.InvariantCulture));
                    tests.Add(test);
                    stage = null;
                    break;
                case "desc" when stage is null:
                    Require(test, path, lineNumber).Description = Scalar(value, path, lineNumber);
                    break;
                case "input":
                    stage = new StageBuilder();
                    Require(test, path, lineNumber).Stages.Add(stage);
                    break;
                case "headers":
                    headersIndent = indent;
                    break;
                case "method":
                    Require(stage, path, lineNumber).Method = Scalar(value, path, lineNumber);
                    break;
                case "uri":
                    Require(stage, path, lineNumber).Uri = Scalar(value, path, lineNumber);
                    break;
                case "data":
                    Require(stage, path, lineNumber).Data = Scalar(value, path, lineNumber);
                    break;
                case "expect_ids":
                    Require(stage, path, lineNumber).ExpectIds = Ids(value, path, lineNumber);
                    break;
                case "no_expect_ids":
                    Require(stage, path, lineNumber).NoExpectIds = Ids(value, path, lineNumber);
                    break;
            }
        }

        return tests.Select(t => t.Build(ruleId)).ToArray();
    }

    private static T Require<T>(T? value, string path, int lineNumber)
        where T : class =>
        value ?? throw new FormatException($"{path}:{lineNumber}: key outside the block it belongs to.");

    /// <summary>The colon that ends a plain key (letters, digits, '_' and '-'), followed by a space or the end.</summary>
    private static int KeyEnd(string content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == ':')
            {
                return i > 0 && (i + 1 == content.Length || content[i + 1] == ' ') ? i : -1;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return -1;
            }
        }

        return -1;
    }

    private static int[] Ids(string value, string path, int lineNumber)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            throw new FormatException($"{path}:{lineNumber}: expected a flow list such as [942100], found '{value}'.");
        }

        return value[1..^1]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))
            .ToArray();
    }

    private static string Scalar(string value, string path, int lineNumber)
    {
        if (value.StartsWith('\''))
        {
            if (value.Length < 2 || !value.EndsWith('\''))
            {
                throw new FormatException($"{path}:{lineNumber}: single-quoted scalar does not end on its line.");
            }

            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (value.StartsWith('"'))
        {
            return DoubleQuoted(value, path, lineNumber);
        }

        // A plain scalar ends where " #" starts a comment.
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? value : value[..comment]).Trim();
    }

    /// <summary>YAML 1.2 double-quoted scalar escapes (\\, \", \n, \t, \xHH, \uHHHH, …).</summary>
    private static string DoubleQuoted(string value, string path, int lineNumber)
    {
        var text = new StringBuilder();
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                if (i != value.Length - 1)
                {
                    throw new FormatException($"{path}:{lineNumber}: text after the closing quote.");
                }

                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            i++;
            if (i >= value.Length)
            {
                break;
            }

            switch (value[i])
            {
                case '0': text.Append('\0'); break;
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'v': text.Append('\v'); break;
                case 'f': text.Append('\f'); break;
                case 'r': text.Append('\r'); break;
                case 'e': text.Append('\x1B'); break;
                case 'N': text.Append('\u0085'); break;
                case '_': text.Append('\u00A0'); break;
                case 'L': text.Append('\u2028'); break;
                case 'P': text.Append('\u2029'); break;
                case 'x': text.Append(Hex(value, ref i, 2, path, lineNumber)); break;
                case 'u': text.Append(Hex(value, ref i, 4, path, lineNumber)); break;
                case 'U': text.Append(Hex(value, ref i, 8, path, lineNumber)); break;
                case ' ' or '"' or '/' or '\\' or '\t': text.Append(value[i]); break;
                default:
                    throw new FormatException($"{path}:{lineNumber}: unknown escape '\\{value[i]}'.");
            }
        }

        throw new FormatException($"{path}:{lineNumber}: double-quoted scalar does not end on its line.");
    }

    private static string Hex(string value, ref int i, int digits, string path, int lineNumber)
    {
        if (i + digits >= value.Length
            || !int.TryParse(value.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw new FormatException($"{path}:{lineNumber}: bad \\x/\\u escape.");
        }

        i += digits;
        return char.ConvertFromUtf32(code);
    }

    private sealed class TestBuilder(int id)
    {
        public string Description { get; set; } = "";

        public List<StageBuilder> Stages { get; } = [];

        public GoFtwTest Build(int ruleId) => new(ruleId, id, Description, Stages.Select(s => s.Build()).ToArray());
    }

    private sealed class StageBuilder
    {
        public string Method { get; set; } = "GET";

        public string Uri { get; set; } = "/";

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? Data { get; set; }

        public int[] ExpectIds { get; set; } = [];

        public int[] NoExpectIds { get; set; } = [];

        public GoFtwStage Build() => new(Method, Uri, Headers, Data, ExpectIds, NoExpectIds);
    }
}
