namespace Palisade.Benchmarks.Waf;

/// <summary>The parts of one transaction timed separately by <see cref="StepClock"/> (`waf --phases`).</summary>
internal enum TransactionStep
{
    /// <summary>New transaction, connection and request line (URI parsing, query arguments).</summary>
    Begin,

    /// <summary>Adding the request headers and phase 1.</summary>
    RequestHeaders,

    /// <summary>Appending the body and phase 2 (body processor, then the bulk of CRS).</summary>
    RequestBody,

    /// <summary>Adding the response headers and phase 3.</summary>
    ResponseHeaders,

    /// <summary>Phase 4 (no response body: SecResponseBodyAccess Off).</summary>
    ResponseBody,

    /// <summary>Phase 5.</summary>
    Logging,

    /// <summary>Freeing the transaction.</summary>
    End,
}
