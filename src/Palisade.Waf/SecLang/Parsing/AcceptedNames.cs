namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Builds the "unknown X" messages: the offending name, the closest accepted one, and the full list.</summary>
internal static class AcceptedNames
{
    public static string Unknown(string noun, string name, IReadOnlyList<string> accepted)
    {
        var suggestion = Closest(name, accepted);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return $"Unknown {noun} '{Shown.Text(name)}'.{hint} Accepted: {string.Join(", ", accepted)}.";
    }

    private static string? Closest(string name, IReadOnlyList<string> accepted)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var needle = name.TrimStart('@').ToUpperInvariant();
        foreach (var candidate in accepted)
        {
            var distance = Distance(needle, candidate.TrimStart('@').ToUpperInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Only suggest near misses (a typo, a missing letter), never an arbitrary name.
        return bestDistance <= Math.Max(1, Math.Min(3, needle.Length / 3)) ? best : null;
    }

    // Levenshtein edit distance; names are short, so the two-row table is cheap. Inputs are capped because names
    // come from the configuration and a hostile one could be long.
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
