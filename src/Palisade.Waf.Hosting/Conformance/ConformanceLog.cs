using Palisade.Waf.Engine;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The engine's log during a conformance run. One engine serves every host (compiling CRS once), so each host marks
/// its requests with its own <see cref="ConformanceLogBuffer"/> in <see cref="Current"/>; the engine writes
/// synchronously on the request's flow, where that value is visible, and each line lands in its host's buffer.
/// </summary>
internal sealed class ConformanceLog : IWafLog
{
    private static readonly AsyncLocal<ConformanceLogBuffer?> CurrentBuffer = new();

    /// <summary>The buffer of the request being processed on this flow (set by the host's first middleware).</summary>
    public static ConformanceLogBuffer? Current
    {
        get => CurrentBuffer.Value;
        set => CurrentBuffer.Value = value;
    }

    public void WriteError(WafTransaction transaction, string line) => Current?.Add(line);

    public void WriteAudit(WafTransaction transaction, string json)
    {
        // go-ftw judges the error log only.
    }
}
