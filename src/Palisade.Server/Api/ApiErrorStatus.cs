using Microsoft.AspNetCore.Http;
using Palisade.Core;

namespace Palisade.Server.Api;

/// <summary>
/// The HTTP status of an error, decided by its code alone so that it is the same whichever action fails
/// (documented in docs/api.md).
/// </summary>
internal static class ApiErrorStatus
{
    /// <summary>A request body larger than the limit.</summary>
    public const string RequestTooLarge = "InvalidParameter.TooLarge";

    /// <summary>An /api path called with a method it does not take.</summary>
    public const string MethodNotAllowed = "UnsupportedHTTPMethod";

    public static int For(string code) => code switch
    {
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.AccountLocked => StatusCodes.Status403Forbidden,
        ErrorCodes.OperationDenied or ErrorCodes.AuthorizationLimitExceed => StatusCodes.Status403Forbidden,
        _ when code.StartsWith("QuotaExceed", StringComparison.Ordinal) => StatusCodes.Status403Forbidden,
        ErrorCodes.DependencyViolation or ErrorCodes.InstanceLastSecurityGroup or ErrorCodes.SecurityGroupTypeMismatch => StatusCodes.Status409Conflict,
        _ when code.EndsWith(".NotFound", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
