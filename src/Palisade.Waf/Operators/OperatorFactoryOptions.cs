namespace Palisade.Waf.Operators;

/// <summary>How <see cref="OperatorFactory"/> compiles operators.</summary>
public sealed record OperatorFactoryOptions
{
    /// <summary>Runs @detectSQLi; without it a rule using @detectSQLi does not compile.</summary>
    public IInjectionDetector? SqlInjectionDetector { get; init; }

    /// <summary>Runs @detectXSS; without it a rule using @detectXSS does not compile.</summary>
    public IInjectionDetector? XssDetector { get; init; }

    /// <summary>Match timeout for the few patterns that need the backtracking engine.</summary>
    public TimeSpan BacktrackingMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Build every regex's matching engine while compiling instead of on its first use. .NET takes up to a second for
    /// CRS's largest patterns, so loading all of CRS this way takes many seconds; hosts usually warm up in the
    /// background instead (<see cref="WafRegex.EnsureCompiled"/>).
    /// </summary>
    public bool CompileRegexesEagerly { get; init; }

    /// <summary>Called when a backtracking regex runs out of time (the match then counts as no match).</summary>
    public Action<WafRegex>? OnRegexTimeout { get; init; }

    /// <summary>
    /// Directory for relative data file names when <see cref="OperatorFactory.Compile"/> is given none resolved
    /// (rules parsed by the SecLang parser already carry full paths).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>How many distinct expanded arguments each macro operator keeps compiled (e.g. one per TX value seen).</summary>
    public int MacroCacheSize { get; init; } = 64;
}
