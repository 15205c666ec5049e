using System.Text;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// Parses a part's Content-Disposition value the way ModSecurity v3's Multipart::parse_content_disposition does
/// (owasp-modsecurity/ModSecurity, src/request_body_processor/multipart.cc): "form-data" first (case-sensitive), then
/// only the parameters name and filename, each at most once, as a token or a quoted string in which only the quote and
/// the backslash may be escaped. Single quotes are accepted but raise MULTIPART_INVALID_QUOTING. A negative result is
/// ModSecurity's error code, reported as "Invalid Content-Disposition header (code)".
/// </summary>
internal static class MultipartContentDisposition
{
    /// <summary>
    /// Parses <paramref name="value"/> (a Latin-1 byte string) into the name= and filename= values (null when absent)
    /// and returns 1, or ModSecurity's negative error code. Every name= and filename= value seen goes to
    /// <paramref name="result"/> (MULTIPART_NAME, MULTIPART_FILENAME), even when the header turns out bad.
    /// </summary>
    public static int Parse(
        string value,
        ref MultipartFlags flags,
        out string? name,
        out string? fileName,
        RequestBodyResult result,
        BodyTextEncoding encoding)
    {
        name = null;
        fileName = null;
        if (!value.StartsWith("form-data", StringComparison.Ordinal))
        {
            return -1;
        }

        var p = SkipBlanks(value, 9);
        if (p == value.Length)
        {
            return 1;
        }

        if (value[p] != ';')
        {
            return -2;
        }

        p++;
        var builder = new StringBuilder();
        while (p < value.Length)
        {
            p = SkipBlanks(value, p);
            if (p == value.Length)
            {
                return -3;
            }

            var start = p;
            while (p < value.Length && value[p] is not ('=' or '\t' or ' '))
            {
                p++;
            }

            if (p == value.Length)
            {
                return -4;
            }

            var parameter = value[start..p];
            p = SkipBlanks(value, p);
            if (p == value.Length)
            {
                return -5;
            }

            if (value[p] != '=')
            {
                return -13;
            }

            p = SkipBlanks(value, p + 1);
            if (p == value.Length)
            {
                return -6;
            }

            string parameterValue;
            if (value[p] is '"' or '\'')
            {
                var quote = value[p];
                if (quote == '\'')
                {
                    flags |= MultipartFlags.InvalidQuoting;
                }

                p++;
                if (p == value.Length)
                {
                    return -7;
                }

                builder.Clear();
                var closed = false;
                while (p < value.Length)
                {
                    var c = value[p];
                    if (c == '\\')
                    {
                        if (p + 1 == value.Length)
                        {
                            return -8;
                        }

                        // Only the quote and the backslash can be escaped; other backslashes stay, as IE sends them.
                        if (value[p + 1] == quote || value[p + 1] == '\\')
                        {
                            p++;
                            c = value[p];
                        }
                    }
                    else if (c == quote)
                    {
                        closed = true;
                        p++;
                        break;
                    }

                    builder.Append(c);
                    p++;
                }

                // ModSecurity reads past the end of an unterminated quote; we take the rest and call it bad quoting.
                if (!closed)
                {
                    flags |= MultipartFlags.InvalidQuoting;
                }

                parameterValue = builder.ToString();
            }
            else
            {
                start = p;
                while (p < value.Length && IsTokenChar(value[p]))
                {
                    p++;
                }

                parameterValue = value[start..p];
            }

            if (parameter == "name")
            {
                FlagSingleQuotes(parameterValue, ref flags);
                result.AddMultipartName(ByteStrings.FromLatin1Text(parameterValue, encoding));
                if (!string.IsNullOrEmpty(name))
                {
                    return -14;
                }

                name = parameterValue;
            }
            else if (parameter == "filename")
            {
                FlagSingleQuotes(parameterValue, ref flags);
                result.AddMultipartFileName(ByteStrings.FromLatin1Text(parameterValue, encoding));
                if (!string.IsNullOrEmpty(fileName))
                {
                    return -15;
                }

                fileName = parameterValue;
            }
            else
            {
                return -11;
            }

            if (p < value.Length)
            {
                p = SkipBlanks(value, p);
                if (p == value.Length)
                {
                    return 1;
                }

                if (value[p] != ';')
                {
                    if (value[p - 1] is '\'' or '"')
                    {
                        flags |= MultipartFlags.InvalidQuoting;
                    }

                    return -12;
                }

                p++;
            }
        }

        return 1;
    }

    private static void FlagSingleQuotes(string value, ref MultipartFlags flags)
    {
        if (value.Contains('\'', StringComparison.Ordinal))
        {
            flags |= MultipartFlags.InvalidQuoting;
        }
    }

    private static int SkipBlanks(string value, int p)
    {
        while (p < value.Length && value[p] is ' ' or '\t')
        {
            p++;
        }

        return p;
    }

    /// <summary>RFC 2045 token characters: printable ASCII except tspecials.</summary>
    private static bool IsTokenChar(char c) =>
        c > ' ' && c < '\u007F' && c is not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=');
}
