using System.Buffers;
using System.Text.RegularExpressions;
using Palisade.Waf.Operators.Pcre;

namespace Palisade.Waf.Operators;

/// <summary>
/// A rule's regular expression with ModSecurity's PCRE semantics (DOTALL and MULTILINE on, byte strings, "C" locale),
/// compiled once: translated by <see cref="PcreTranslator"/>, run by .NET's NonBacktracking engine, or by the
/// backtracking engine with a match timeout when the pattern needs backreferences, lookarounds or atomic groups (a
/// timeout counts as no match, as ModSecurity treats a PCRE match-limit error). Thread-safe.
/// </summary>
public sealed class WafRegex
{
    /// <summary>The AppContext switch .NET reads for the NonBacktracking automaton size limit (default 1,000).</summary>
    public const string AutomataSizeSwitch = "REGEX_NONBACKTRACKING_MAX_AUTOMATA_SIZE";

    /// <summary>The limit we raise it to, enough for CRS's largest patterns (942 SQLi, 932 RCE).</summary>
    public const int DefaultAutomataSizeLimit = 100_000;

    private const RegexOptions PcreOptions = RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.Multiline;
    private const int StackMappingLimit = 512;

    private readonly TimeSpan _backtrackingTimeout;
    private readonly string? _requiredFallback;
    private readonly string? _trailingNewlinePattern;
    private readonly Action<WafRegex>? _onTimeout;
    private readonly Lock _compileGate = new();
    private volatile Regex? _regex;
    private volatile Regex? _trailingNewlineRegex;
    private string? _fallbackReason;

    static WafRegex()
    {
        // Respect a host that set its own limit (runtimeconfig or AppContext.SetData before first use).
        if (AppContext.GetData(AutomataSizeSwitch) is not int configured || configured <= 0)
        {
            AppContext.SetData(AutomataSizeSwitch, DefaultAutomataSizeLimit);
        }
    }

    private WafRegex(string pattern, PcreTranslation translation, TimeSpan backtrackingTimeout, Action<WafRegex>? onTimeout)
    {
        Pattern = pattern;
        TranslatedPattern = translation.Pattern;
        _requiredFallback = translation.BacktrackingReason;
        _trailingNewlinePattern = translation.TrailingNewlinePattern;
        _backtrackingTimeout = backtrackingTimeout;
        _onTimeout = onTimeout;
    }

    /// <summary>The pattern as the rule wrote it (byte string).</summary>
    public string Pattern { get; }

    /// <summary>The .NET pattern it became.</summary>
    public string TranslatedPattern { get; }

    /// <summary>Which engine runs the pattern (builds it if that has not happened yet).</summary>
    public RegexEngineKind Engine => FallbackReason is null ? RegexEngineKind.NonBacktracking : RegexEngineKind.Backtracking;

    /// <summary>Why the backtracking engine runs this pattern; null when NonBacktracking does (builds it if needed).</summary>
    public string? FallbackReason
    {
        get
        {
            EnsureCompiled();
            return _fallbackReason;
        }
    }

    /// <summary>
    /// Translates and checks a PCRE pattern given as a byte string. The matching engine itself is built on first use
    /// or by <see cref="EnsureCompiled"/>: .NET needs up to a second for CRS's largest patterns under NonBacktracking,
    /// which would make loading the rule set take many seconds. <paramref name="onTimeout"/> is told when a
    /// backtracking match runs out of time.
    /// </summary>
    /// <exception cref="FormatException">The pattern is not valid PCRE, or uses a feature .NET cannot express.</exception>
    public static WafRegex Compile(string pattern, TimeSpan backtrackingTimeout, Action<WafRegex>? onTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translation = PcreTranslator.Translate(pattern);
        try
        {
            // Parsing with the interpreter is quick and reports the same syntax errors every engine would.
            _ = new Regex(translation.Pattern, PcreOptions, backtrackingTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"not a valid regular expression: {ex.Message}", ex);
        }

        return new WafRegex(pattern, translation, backtrackingTimeout, onTimeout);
    }

    /// <summary>Builds the matching engine now (idempotent, thread-safe); hosts call it to warm a rule set up.</summary>
    public void EnsureCompiled()
    {
        if (_regex is not null)
        {
            return;
        }

        lock (_compileGate)
        {
            if (_regex is not null)
            {
                return;
            }

            var fallbackReason = _requiredFallback;
            Regex? regex = null;
            if (fallbackReason is null)
            {
                try
                {
                    regex = new Regex(TranslatedPattern, PcreOptions | RegexOptions.NonBacktracking);
                }
                catch (NotSupportedException ex)
                {
                    fallbackReason = "NonBacktracking refused it: " + ex.Message;
                }
            }

            _fallbackReason = fallbackReason;
            if (regex is null)
            {
                // The backtracking engine can take PCRE's exact multiline '^' directly.
                var exact = _trailingNewlinePattern ?? TranslatedPattern;
                regex = new Regex(exact, PcreOptions | RegexOptions.Compiled, _backtrackingTimeout);
                _trailingNewlineRegex = regex;
            }

            _regex = regex;
        }
    }

    /// <summary>Does the pattern occur in the input? No allocation (bytes above 127 are mapped in a pooled buffer).</summary>
    public bool IsMatch(ReadOnlySpan<char> input)
    {
        if (!HighByteMapping.NeedsMapping(input))
        {
            return IsMatchCore(input);
        }

        char[]? rented = null;
        var mapped = input.Length <= StackMappingLimit ? stackalloc char[input.Length] : (rented = ArrayPool<char>.Shared.Rent(input.Length)).AsSpan(0, input.Length);
        try
        {
            HighByteMapping.Map(input, mapped);
            return IsMatchCore(mapped);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Matches and fills <paramref name="captures"/> with groups 0–9 of the first match (groups that did not take part
    /// stay unset). Slower than <see cref="IsMatch"/>: use it only for rules with the capture action.
    /// </summary>
    public bool Match(string input, OperatorCaptures captures)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(captures);
        captures.Clear();
        var subject = HighByteMapping.NeedsMapping(input) ? HighByteMapping.Map(input) : input;
        Match match;
        try
        {
            var regex = GetRegex();
            match = (EndsWithNewline(subject) ? GetTrailingNewlineRegex() : regex).Match(subject);
        }
        catch (RegexMatchTimeoutException)
        {
            _onTimeout?.Invoke(this);
            return false;
        }

        if (!match.Success)
        {
            return false;
        }

        var groups = match.Groups;
        var count = Math.Min(groups.Count, OperatorCaptures.MaxCount);
        for (var i = 0; i < count; i++)
        {
            var group = groups[i];
            if (group.Success)
            {
                captures.Set(i, input.AsMemory(group.Index, group.Length));
            }
        }

        return true;
    }

    public override string ToString() => Pattern;

    /// <summary>
    /// True when the NonBacktracking engine's answer may be wrong for this input: it ends with a newline and the
    /// pattern has a multiline '^' (the backtracking engine already runs the exact form).
    /// </summary>
    private bool EndsWithNewline(ReadOnlySpan<char> input) =>
        _trailingNewlinePattern is not null && _fallbackReason is null && input.Length > 0 && input[^1] == '\n';

    /// <summary>The exact-PCRE form (backtracking), built on the first input that ends with a newline.</summary>
    private Regex GetTrailingNewlineRegex()
    {
        var exact = _trailingNewlineRegex;
        if (exact is null)
        {
            exact = new Regex(_trailingNewlinePattern!, PcreOptions, _backtrackingTimeout);
            _trailingNewlineRegex = exact;
        }

        return exact;
    }

    private Regex GetRegex()
    {
        var regex = _regex;
        if (regex is null)
        {
            EnsureCompiled();
            regex = _regex!;
        }

        return regex;
    }

    private bool IsMatchCore(ReadOnlySpan<char> input)
    {
        try
        {
            var regex = GetRegex();
            if (!regex.IsMatch(input))
            {
                return false;
            }

            // .NET's '^' also matches after a newline that ends the input; PCRE's does not. Only then can the answers
            // differ, and PCRE's can only be "no" where .NET's is "yes".
            return !EndsWithNewline(input) || GetTrailingNewlineRegex().IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            _onTimeout?.Invoke(this);
            return false;
        }
    }
}
