namespace Palisade.Server.Application;

/// <summary>
/// When an instance counts as Running: its agent long-polls at most <see cref="AgentPollInterval"/> apart (the wait
/// it asks for), so three intervals without contact mean it is gone, while one slow or lost poll is forgiven.
/// </summary>
internal static class InstanceStatusPolicy
{
    public const string Running = "Running";
    public const string Offline = "Offline";

    /// <summary>The long-poll wait agents use, and so the longest gap between two contacts of a healthy agent.</summary>
    public static readonly TimeSpan AgentPollInterval = TimeSpan.FromSeconds(30);

    public const int MissedPollsBeforeOffline = 3;

    public static TimeSpan OfflineAfter => AgentPollInterval * MissedPollsBeforeOffline;

    public static string StatusAt(DateTime? lastSeenUtc, DateTime nowUtc) =>
        lastSeenUtc is { } seen && nowUtc - seen <= OfflineAfter ? Running : Offline;
}
