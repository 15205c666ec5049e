using Microsoft.Extensions.Logging;

namespace Palisade.Waf.Hosting;

/// <summary>The middleware's log messages, with stable event ids.</summary>
internal static partial class WafMiddlewareLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The WAF engine failed on {Method} {Target}; the request was refused with 500.")]
    public static partial void EngineFailed(ILogger logger, Exception exception, string method, string target);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "The WAF engine failed in the logging phase of {Method} {Target}.")]
    public static partial void LoggingPhaseFailed(ILogger logger, Exception exception, string method, string target);
}
