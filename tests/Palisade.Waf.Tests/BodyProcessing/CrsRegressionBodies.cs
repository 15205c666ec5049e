using System.Globalization;
using System.Text;

namespace Palisade.Waf.Tests.BodyProcessing;

/// <summary>
/// The request bodies of OWASP CRS v4.28.0's regression tests (go-ftw YAML under tests/regression/tests), read at test
/// time from ../shared/crs/v4.28.0 next to the repository (PALISADE_CRS_DIR overrides). Only what these tests need is
/// understood: a stage's Content-Type header and its data, written as a literal block (|), a quoted or a plain
/// scalar.
/// </summary>
internal static class CrsRegressionBodies
{
    public static string TestsDirectory { get; } = CrsLocation.V4RegressionTests;

    public static IReadOnlyList<CrsBody> All { get; } = Load();

    private static List<CrsBody> Load()
    {
        var bodies = new List<CrsBody>();
        foreach (var file in Directory.EnumerateFiles(TestsDirectory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            string? contentType = null;
            string? data = null;
            var testId = "?";
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("- test_id:", StringComparison.Ordinal))
                {
                    testId = trimmed["- test_id:".Length..].Trim();
                }
                else if (trimmed.StartsWith("- input:", StringComparison.Ordinal))
                {
                    contentType = null;
                    data = null;
                }
                else if (trimmed.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = Unquote(trimmed["Content-Type:".Length..].Trim());
                }
                else if (trimmed.StartsWith("data:", StringComparison.Ordinal))
                {
                    var value = trimmed["data:".Length..].Trim();
                    var indent = line.Length - trimmed.Length;
                    data = value.StartsWith('|') ? ReadLiteralBlock(lines, ref i, indent, value) : Unquote(value);
                }
                else if (trimmed.StartsWith("output:", StringComparison.Ordinal) && data is not null)
                {
                    var name = Path.GetFileNameWithoutExtension(file) + "-" + testId;
                    bodies.Add(new CrsBody(name, contentType, Encoding.UTF8.GetBytes(data)));
                    data = null;
                }
            }
        }

        return bodies;
    }

    /// <summary>A literal block scalar: lines indented deeper than the key, line breaks kept, clipped (|), stripped (|-) or kept (|+).</summary>
    private static string ReadLiteralBlock(string[] lines, ref int index, int keyIndent, string indicator)
    {
        var block = new List<string>();
        var contentIndent = -1;
        while (index + 1 < lines.Length)
        {
            var next = lines[index + 1];
            var nextIndent = next.Length - next.TrimStart().Length;
            if (next.Trim().Length > 0 && nextIndent <= keyIndent)
            {
                break;
            }

            index++;
            if (next.Trim().Length == 0)
            {
                block.Add(string.Empty);
                continue;
            }

            if (contentIndent < 0)
            {
                contentIndent = nextIndent;
            }

            block.Add(next.Length >= contentIndent ? next[contentIndent..] : next.TrimStart());
        }

        var text = string.Join('\n', block);
        return indicator switch
        {
            "|-" => text.TrimEnd('\n'),
            "|+" => text + "\n",
            _ => text.TrimEnd('\n') + "\n",
        };
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var builder = new StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length - 1)
            {
                builder.Append(c);
                continue;
            }

            var escape = value[++i];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '0': builder.Append('\0'); break;
                case 'x':
                    builder.Append((char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u':
                    builder.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }

        return builder.ToString();
    }
}

/// <summary>One test stage's body: "file-testid", its Content-Type, its bytes.</summary>
internal sealed record CrsBody(string Name, string? ContentType, byte[] Data)
{
    public override string ToString() => Name;
}
