using Microsoft.Extensions.Logging;

namespace Palisade.Agent;

/// <summary>Every log record of the agent, with stable event ids (1xx lifecycle, 2xx server, 3xx inventory, 4xx ruleset, 5xx state).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Agent starting: instance {InstanceName}, server {Server}, state in {StateDirectory}, nftables table inet {TableName}.")]
    public static partial void Starting(ILogger logger, string instanceName, Uri server, string stateDirectory, string tableName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Agent stopped; the kernel keeps enforcing the last applied ruleset.")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Unexpected failure in the {Loop} loop; it starts again after {DelaySeconds:0.#} s.")]
    public static partial void LoopFailed(ILogger logger, string loop, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The agent is not running as root: nft will refuse to change the ruleset. Run it as root (it needs CAP_NET_ADMIN for nft and ip).")]
    public static partial void NotRoot(ILogger logger);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Registered as {InstanceId} ({InstanceName}) with {NicCount} NICs; control plane {ControlPlane}.")]
    public static partial void Registered(ILogger logger, string instanceId, string instanceName, int nicCount, string controlPlane);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Cannot reach the server ({Operation}): {Problem}. Retrying with backoff; the kernel keeps enforcing the last applied ruleset.")]
    public static partial void ServerUnreachable(ILogger logger, string operation, string? problem);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The server answers again ({Operation}).")]
    public static partial void ServerReachable(ILogger logger, string operation);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "The server refused {Operation}: {Problem}. Retrying with backoff.")]
    public static partial void ServerRejected(ILogger logger, string operation, string? problem);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "The server's answer to {Operation} was not usable: {Problem}. Retrying with backoff.")]
    public static partial void ServerBadResponse(ILogger logger, string operation, string? problem);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The server does not know instance {InstanceId} (deleted?); registering again.")]
    public static partial void InstanceUnknown(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "The NICs changed ({Before} -> {After}); registering again.")]
    public static partial void InventoryChanged(ILogger logger, string before, string after);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Cannot read the NICs: {Problem}")]
    public static partial void InventoryUnreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Applied revision {Revision} (digest {Digest}) to table inet {TableName} in {Milliseconds:0} ms (compile {CompileMilliseconds:0} ms, counter read {CounterReadMilliseconds:0} ms during the compile, nft -f {LoadMilliseconds:0} ms, saving state {SaveMilliseconds:0} ms).")]
    public static partial void Applied(
        ILogger logger, long revision, string digest, string tableName, double milliseconds,
        double compileMilliseconds, double counterReadMilliseconds, double loadMilliseconds, double saveMilliseconds);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Revision {Revision} (digest {Digest}) is already in force.")]
    public static partial void AlreadyApplied(ILogger logger, long revision, string digest);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Revision {Revision} (digest {Digest}) was not applied; the previous ruleset stays in force: {Error}")]
    public static partial void ApplyFailed(ILogger logger, long revision, string digest, string? error);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Table inet {TableName} was missing (reboot?); re-applied the last good ruleset, revision {Revision} (digest {Digest}), until the server answers.")]
    public static partial void ReappliedLastGood(ILogger logger, string tableName, long revision, string digest);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Table inet {TableName} is missing and the saved ruleset did not load: {Error}")]
    public static partial void ReapplyFailed(ILogger logger, string tableName, string error);

    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Table inet {TableName} is in place; keeping it (last applied revision {Revision}, digest {Digest}).")]
    public static partial void KeptExistingTable(ILogger logger, string tableName, long revision, string digest);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Cannot run nft to look for table inet {TableName}: the agent needs root and the nftables package.")]
    public static partial void NftUnavailable(ILogger logger, string tableName);

    [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "The management allowance changed ({Allowance}); compiling revision {Revision} again.")]
    public static partial void AllowanceChanged(ILogger logger, string allowance, long revision);

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Cannot read the rule counters of table inet {TableName}; reporting the last reading.")]
    public static partial void CountersUnreadable(ILogger logger, string tableName);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Ignoring {Path}: {Reason}")]
    public static partial void StateUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Cannot write the agent's state in {Directory}: {Reason}")]
    public static partial void StateNotSaved(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Removed {Count} temporary files an interrupted write left in {Directory}.")]
    public static partial void StateLeftoversRemoved(ILogger logger, int count, string directory);
}
