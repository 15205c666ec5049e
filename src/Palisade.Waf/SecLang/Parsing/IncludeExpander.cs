namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Turns an Include argument into the files to read: a path relative to the including file, or a wildcard pattern
/// ('*', '?') in the file name part, expanded in ordinal order as Apache sorts its Include matches.
/// </summary>
internal static class IncludeExpander
{
    /// <summary>The files to read; null after reporting an error.</summary>
    public static IReadOnlyList<string>? Expand(ArgumentToken argument, bool optional, FileContext context)
    {
        var written = argument.Value;
        var directive = optional ? "IncludeOptional" : "Include";
        var resolved = written.Length == 0 ? null : context.Resolve(written);
        if (resolved is null)
        {
            context.Diagnostics.Report(argument.Location, $"{directive}: '{Shown.Text(written)}' is not a file path.");
            return null;
        }

        var directory = Path.GetDirectoryName(resolved) ?? "/";
        var pattern = Path.GetFileName(resolved);
        if (directory.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            context.Diagnostics.Report(argument.Location, $"{directive}: '{Shown.Text(written)}' has a wildcard in a directory name; wildcards are accepted in the file name only (e.g. rules/*.conf).");
            return null;
        }

        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            if (context.FileSystem.FileExists(resolved))
            {
                return [resolved];
            }

            if (!optional)
            {
                var what = context.FileSystem.DirectoryExists(resolved) ? "is a directory; include its files with a pattern such as dir/*.conf" : "does not exist";
                context.Diagnostics.Report(argument.Location, $"{directive}: '{Shown.Text(written)}' {what} (resolved to {resolved}).");
                return null;
            }

            return [];
        }

        if (!context.FileSystem.DirectoryExists(directory))
        {
            if (!optional)
            {
                context.Diagnostics.Report(argument.Location, $"{directive}: directory '{directory}' of '{Shown.Text(written)}' does not exist.");
                return null;
            }

            return [];
        }

        IReadOnlyList<string> files;
        try
        {
            files = context.FileSystem.ListFiles(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Diagnostics.Report(argument.Location, $"{directive}: cannot list '{directory}': {exception.Message}");
            return null;
        }

        var matches = files
            .Where(file => GlobMatches(pattern, Path.GetFileName(file)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (matches.Length == 0 && !optional)
        {
            context.Diagnostics.Report(argument.Location, $"{directive}: no file matches '{Shown.Text(written)}' (in {directory}); use IncludeOptional when that is expected.");
            return null;
        }

        return matches;
    }

    // '*' matches any run of characters, '?' one character; iterative with one backtrack point, so linear-ish.
    public static bool GlobMatches(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
