namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// Takes the boundary out of a multipart Content-Type header with the checks of ModSecurity v3's Multipart::init
/// (owasp-modsecurity/ModSecurity, src/request_body_processor/multipart.cc): the media type first, the word
/// "boundary" once and in lower case, nothing but whitespace and one ';' before it, the value last on the line,
/// optionally in double quotes, and made of RFC 2046's boundary characters. Whitespace around '=' and quotes raise
/// MULTIPART_BOUNDARY_WHITESPACE and MULTIPART_BOUNDARY_QUOTED; a missing ';' raises MULTIPART_MISSING_SEMICOLON.
/// </summary>
internal static class MultipartContentType
{
    private const string MediaType = "multipart/form-data";
    private const string Parameter = "boundary";

    /// <summary>Returns the boundary, or null with <paramref name="error"/> set (ModSecurity's message).</summary>
    public static string? TryGetBoundary(string? contentType, ref MultipartFlags flags, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrEmpty(contentType))
        {
            error = "Multipart: Content-Type header not available.";
            return null;
        }

        if (contentType.Length > 1024)
        {
            error = "Multipart: Invalid boundary in C-T (length).";
            return null;
        }

        if (!contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            error = "Multipart: Invalid MIME type.";
            return null;
        }

        if (CountBoundaryParameters(contentType) > 1)
        {
            error = "Multipart: Multiple boundary parameters in C-T.";
            return null;
        }

        // ModSecurity looks for the parameter name case-sensitively, then explains a miss.
        var parameterAt = contentType.IndexOf(Parameter, StringComparison.Ordinal);
        if (parameterAt < 0)
        {
            error = CountBoundaryParameters(contentType) > 0
                ? "Multipart: Invalid boundary in C-T (case sensitivity)."
                : "Multipart: Boundary not found in C-T.";
            return null;
        }

        var seenSemicolon = false;
        for (var i = MediaType.Length; i < parameterAt; i++)
        {
            var c = contentType[i];
            if (IsCSpace(c))
            {
                continue;
            }

            if (c == ';' && !seenSemicolon)
            {
                seenSemicolon = true;
                continue;
            }

            error = "Multipart: Invalid boundary in C-T (malformed).";
            return null;
        }

        if (!seenSemicolon)
        {
            flags |= MultipartFlags.MissingSemicolon;
        }

        var equalsAt = contentType.IndexOf('=', parameterAt + Parameter.Length);
        if (equalsAt < 0)
        {
            error = "Multipart: Invalid boundary in C-T (malformed).";
            return null;
        }

        for (var i = parameterAt + Parameter.Length; i < equalsAt; i++)
        {
            if (!IsCSpace(contentType[i]))
            {
                error = "Multipart: Invalid boundary in C-T (parameter name).";
                return null;
            }

            flags |= MultipartFlags.BoundaryWhitespace;
        }

        // The value runs to the end of the header: ModSecurity wants the boundary last.
        var value = contentType.AsSpan(equalsAt + 1);
        if (!value.IsEmpty && IsCSpace(value[0]))
        {
            flags |= MultipartFlags.BoundaryWhitespace;
        }

        string boundary;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            boundary = value[1..^1].ToString();
            flags |= MultipartFlags.BoundaryQuoted;
        }
        else
        {
            if ((!value.IsEmpty && value[0] == '"') || (value.Length >= 2 && value[^1] == '"'))
            {
                error = "Multipart: Invalid boundary in C-T (quote).";
                return null;
            }

            boundary = value.ToString();
        }

        if (boundary.Length == 0)
        {
            error = "Multipart: Invalid boundary in C-T (empty).";
            return null;
        }

        if (CountBoundaryParameters(boundary) != 0)
        {
            error = "Multipart: Invalid boundary in C-T (content).";
            return null;
        }

        if (!HasValidCharacters(boundary))
        {
            error = "Multipart: Invalid boundary in C-T (characters).";
            return null;
        }

        return boundary;
    }

    /// <summary>Occurrences of "boundary" (any case) with an '=' somewhere after them, as ModSecurity counts them.</summary>
    private static int CountBoundaryParameters(string text)
    {
        var count = 0;
        var from = 0;
        while (from < text.Length)
        {
            var at = text.IndexOf(Parameter, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                break;
            }

            from = at + Parameter.Length;
            if (text.IndexOf('=', from) >= 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>RFC 2046 §5.1.1 bcharsnospace plus space, which may not be last.</summary>
    private static bool HasValidCharacters(string boundary)
    {
        for (var i = 0; i < boundary.Length; i++)
        {
            var c = boundary[i];
            var valid = char.IsAsciiLetterOrDigit(c)
                || c is '\'' or '(' or ')' or '+' or '_' or ',' or '-' or '.' or '/' or ':' or '=' or '?'
                || (c == ' ' && i != boundary.Length - 1);
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>C's isspace in the "C" locale.</summary>
    internal static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
