using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Performance;

/// <summary>
/// The promise that "allocations per request must not grow with the number of rules that do not match":
/// the same benign request through CRS and through CRS plus 1,000 rules that cannot match must allocate the same
/// managed bytes per transaction. Counted with GC.GetAllocatedBytesForCurrentThread, which is exact for the thread
/// a transaction runs on and, unlike time, does not drift on a shared machine: 3 batches of 100 transactions per
/// engine after 50 of warm-up.
/// </summary>
public sealed class NonMatchingRuleAllocationTests(FillerRulesFixture engines) : IClassFixture<FillerRulesFixture>
{
    private const int WarmUpTransactions = 50;
    private const int Batches = 3;
    private const int TransactionsPerBatch = 100;

    /// <summary>
    /// One byte per filler rule. Any allocation made per rule evaluated — one 24-byte object for every 24 rules, an
    /// enumerator, a list of targets, a transformed copy — exceeds it many times over; what stays below it is noise
    /// such as a hash table that happened to resize at a different moment.
    /// </summary>
    private const double ToleranceBytesPerTransaction = FillerRulesFixture.FillerCount;

    [Theory]
    [InlineData("browser-get")]
    [InlineData("form-post")]
    public void Transaction_ThousandNonMatchingRulesAdded_AllocatesTheSameBytes(string requestName)
    {
        var request = BenignRequest.Get(requestName);
        var matchedWithout = WarmUpAndCheck(engines.Crs, request);
        var matchedWith = WarmUpAndCheck(engines.CrsWithFillers, request);

        // The filler rules were compiled, and none of them matched: only then is the comparison about non-matching rules.
        Assert.Equal(FillerRulesFixture.FillerCount, engines.CrsWithFillers.RuleCount - engines.Crs.RuleCount);
        Assert.Equal(matchedWithout, matchedWith);

        // Batches alternate between the engines and the smallest counts: code the JIT replaces by an optimised version
        // mid-run (which may allocate less) then affects both engines alike.
        var without = double.MaxValue;
        var with = double.MaxValue;
        for (var batch = 0; batch < Batches; batch++)
        {
            without = Math.Min(without, BytesPerTransaction(engines.Crs, request));
            with = Math.Min(with, BytesPerTransaction(engines.CrsWithFillers, request));
        }

        Assert.True(
            Math.Abs(with - without) <= ToleranceBytesPerTransaction,
            $"{request}: {without:N0} B per transaction with CRS, {with:N0} B with CRS + {FillerRulesFixture.FillerCount:N0} non-matching rules " +
            $"({(with - without) / FillerRulesFixture.FillerCount:N1} B per added rule; tolerance {ToleranceBytesPerTransaction:N0} B in all).");
    }

    /// <summary>Runs the warm-up (lazy regex construction, tiered JIT, pools) and returns the matched rule ids.</summary>
    private static IReadOnlyList<int?> WarmUpAndCheck(WafEngine engine, BenignRequest request)
    {
        IReadOnlyList<int?> matched = [];
        for (var i = 0; i < WarmUpTransactions; i++)
        {
            using var transaction = request.Run(engine);
            Assert.Null(transaction.Intervention);
            Assert.DoesNotContain(transaction.MatchedRules, rule => rule.ErrorLine.Length > 0 || FillerRules.IsFiller(rule.Id));
            matched = [.. transaction.MatchedRules.Select(rule => rule.Id)];
        }

        return matched;
    }

    private static double BytesPerTransaction(WafEngine engine, BenignRequest request)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < TransactionsPerBatch; i++)
        {
            using var transaction = request.Run(engine);
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / TransactionsPerBatch;
    }
}
