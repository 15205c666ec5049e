namespace Palisade.Waf.BodyProcessing;

/// <summary>How a body compared with its size limits (INBOUND_DATA_ERROR is 1 for anything but <see cref="WithinLimits"/>).</summary>
internal enum BodyLimitOutcome
{
    WithinLimits,

    /// <summary>Over a limit with ProcessPartial: only the prefix was parsed.</summary>
    Truncated,

    /// <summary>Over a limit with Reject: the prefix was parsed, and the engine should refuse the request.</summary>
    Rejected,
}
