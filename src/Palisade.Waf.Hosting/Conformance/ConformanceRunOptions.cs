namespace Palisade.Waf.Hosting.Conformance;

/// <summary>What a conformance run tests and against which expectations.</summary>
public sealed record ConformanceRunOptions
{
    /// <summary>The OWASP CRS directory: rules/, crs-setup.conf.example and tests/regression/tests.</summary>
    public required string CrsDirectory { get; init; }

    /// <summary>The go-ftw tests; null = <c>tests/regression/tests</c> under <see cref="CrsDirectory"/>.</summary>
    public string? TestsDirectory { get; init; }

    /// <summary>Globs on rule id or test id ("942*", "920100-8"); empty = every test.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Globs of tests not to run; they win over <see cref="Include"/>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>A platform overrides file; null = the Kestrel overrides embedded in this assembly.</summary>
    public string? OverridesFile { get; init; }

    /// <summary>The known-failures file; null = the baseline embedded in this assembly.</summary>
    public string? BaselineFile { get; init; }

    /// <summary>Hosts run side by side, each with its own Kestrel and log; 0 = one per processor, at least 2.</summary>
    public int Parallelism { get; init; }

    /// <summary>
    /// How long a request may take before it counts as "no response". go-ftw's read timeout is 1 s; no CRS test
    /// relies on a timeout, so a generous one costs nothing and keeps a busy CI machine from failing tests.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
