using Palisade.Waf.Engine;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// One request through our engine, in the same order and with the same input as
/// <see cref="ModSecurityTransactionRunner"/>: connection, request line, headers, phase 1, body, phase 2, response
/// headers, phase 3, phase 4, phase 5, dispose.
/// </summary>
internal sealed class PalisadeTransactionRunner(WafEngine engine, CapturingWafLog log, BenchRequest request) : TransactionRunner
{
    private readonly KeyValuePair<string, string>[] _requestHeaders = [.. request.Headers];
    private readonly KeyValuePair<string, string>[] _responseHeaders = [.. request.ResponseHeaders];

    public override string EngineName => "ours";

    public override int Run(StepClock? clock = null) => Execute(clock, null)?.Status ?? 0;

    public override WafVerdict Inspect()
    {
        var lines = new List<string>();
        var matchedIds = new List<int>();
        log.Capture = lines;
        try
        {
            var intervention = Execute(null, matchedIds);
            var detail = intervention is null ? null : $"{intervention.Action} by rule {intervention.RuleId}: {intervention.Message}";
            return new WafVerdict(intervention?.Status, detail, ErrorLogIds.Parse(lines), matchedIds);
        }
        finally
        {
            log.Capture = null;
        }
    }

    private WafIntervention? Execute(StepClock? clock, List<int>? matchedIds)
    {
        clock?.Start();
        var transaction = engine.BeginTransaction();
        try
        {
            transaction.ProcessConnection(BenchRequest.ClientAddress, BenchRequest.ClientPort, BenchRequest.ServerAddress, BenchRequest.ServerPort);
            transaction.ProcessUri(request.Target, request.Method, request.Protocol);
            clock?.Lap(TransactionStep.Begin);
            foreach (var header in _requestHeaders)
            {
                transaction.AddRequestHeader(header.Key, header.Value);
            }

            var intervention = transaction.ProcessRequestHeaders();
            clock?.Lap(TransactionStep.RequestHeaders);
            if (intervention is null)
            {
                if (request.Body.Length > 0 && transaction.IsRequestBodyAccessible)
                {
                    intervention = transaction.AppendRequestBody(request.Body);
                }

                intervention ??= transaction.ProcessRequestBody();
            }

            clock?.Lap(TransactionStep.RequestBody);
            if (intervention is null)
            {
                foreach (var header in _responseHeaders)
                {
                    transaction.AddResponseHeader(header.Key, header.Value);
                }

                intervention = transaction.ProcessResponseHeaders(request.ResponseStatus, request.Protocol);
            }

            clock?.Lap(TransactionStep.ResponseHeaders);
            intervention ??= transaction.ProcessResponseBody();
            clock?.Lap(TransactionStep.ResponseBody);
            transaction.ProcessLogging();
            clock?.Lap(TransactionStep.Logging);
            matchedIds?.AddRange(transaction.MatchedRules.Select(r => r.Id ?? 0));
            return intervention;
        }
        finally
        {
            transaction.Dispose();
            clock?.Lap(TransactionStep.End);
        }
    }
}
