namespace Palisade.Waf.Hosting.Conformance;

/// <summary>What a stage must produce. Every expectation given must hold; none given means the stage passes.</summary>
internal sealed class FtwOutput
{
    /// <summary>The accepted statuses: a number in the current schema, a list in older files; empty = any.</summary>
    public List<int>? Status { get; init; }

    /// <summary>A regular expression searched in the whole raw response (status line, headers, body).</summary>
    public string? ResponseContains { get; init; }

    /// <summary>Deprecated form of log.match_regex.</summary>
    public string? LogContains { get; init; }

    /// <summary>Deprecated form of log.no_match_regex.</summary>
    public string? NoLogContains { get; init; }

    public FtwLogExpectation? Log { get; init; }

    /// <summary>True: the stage passes only when no HTTP response could be read (connection closed, garbage, timeout).</summary>
    public bool? ExpectError { get; init; }

    /// <summary>Run the stage a second time when it fails (go-ftw's work-around for late phase-5 log lines).</summary>
    public bool? RetryOnce { get; init; }

    /// <summary>True: the single expected id must be the only rule in the log.</summary>
    public bool? Isolated { get; init; }
}
