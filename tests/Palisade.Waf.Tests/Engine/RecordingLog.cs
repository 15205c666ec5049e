using System.Collections.Concurrent;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>Keeps what the engine logs, per transaction, for assertions.</summary>
public sealed class RecordingLog : IWafLog
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _errors = new();
    private readonly ConcurrentDictionary<string, string> _audits = new();

    public void WriteError(WafTransaction transaction, string line) =>
        _errors.GetOrAdd(transaction.Id, _ => new ConcurrentQueue<string>()).Enqueue(line);

    public void WriteAudit(WafTransaction transaction, string json) => _audits[transaction.Id] = json;

    public IReadOnlyList<string> ErrorsOf(WafTransaction transaction) =>
        _errors.TryGetValue(transaction.Id, out var lines) ? lines.ToArray() : [];

    public string? AuditOf(WafTransaction transaction) => _audits.GetValueOrDefault(transaction.Id);
}
