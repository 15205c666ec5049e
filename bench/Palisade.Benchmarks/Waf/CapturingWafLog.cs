using Palisade.Waf.Engine;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// Our engine's log, playing the part ModSecurity's log callback plays on the other side: it discards everything
/// unless a benign check has set <see cref="Capture"/>, then it collects the error-log lines. The benchmark runs one
/// transaction at a time, so a plain field is enough.
/// </summary>
internal sealed class CapturingWafLog : IWafLog
{
    public List<string>? Capture { get; set; }

    public void WriteError(WafTransaction transaction, string line) => Capture?.Add(line);

    public void WriteAudit(WafTransaction transaction, string json)
    {
    }
}
