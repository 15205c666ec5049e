using Microsoft.Extensions.Logging;

namespace Palisade.Server;

/// <summary>The server's log lines, with stable event ids so that operators can alert on them.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Palisade server listening on {Addresses}; data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string addresses, string dataDirectory);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database {DatabasePath} is at the latest schema")]
    public static partial void DatabaseReady(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Created console user admin")]
    public static partial void AdminCreated(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Stored the bootstrap token {TokenId} as an admin API token")]
    public static partial void BootstrapTokenStored(ILogger logger, string tokenId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The bootstrap token is only {Length} characters long; use at least 20 random characters")]
    public static partial void BootstrapTokenWeak(ILogger logger, int length);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed unexpectedly")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Request {RequestId} {Method} {Path} refused: {Code}")]
    public static partial void RequestRefused(ILogger logger, string requestId, string method, string path, string code);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Console login for {UserName} refused: {Status}")]
    public static partial void LoginRefused(ILogger logger, string userName, string status);
}
