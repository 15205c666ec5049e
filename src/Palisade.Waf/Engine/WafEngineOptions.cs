namespace Palisade.Waf.Engine;

/// <summary>How a <see cref="WafEngine"/> is built and where it reports.</summary>
public sealed class WafEngineOptions
{
    /// <summary>The clock behind TIME_*, DURATION and the audit record's time stamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives error-log lines and audit records; null discards them.</summary>
    public IWafLog? Log { get; init; }

    /// <summary>
    /// Build every regular expression's matcher while loading (servers, benchmarks) instead of on first use (tests,
    /// tools that load many rule sets). .NET needs up to a second for CRS's largest patterns, so this costs seconds.
    /// </summary>
    public bool WarmRegexes { get; init; }

    /// <summary>The SERVER_NAME used when a request carries no Host header, and the audit record's server id.</summary>
    public string ServerName { get; init; } = "palisade";
}
