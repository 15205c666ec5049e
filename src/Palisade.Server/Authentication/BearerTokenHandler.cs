using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Palisade.Core;
using Palisade.Server.Api;
using Palisade.Server.Application;

namespace Palisade.Server.Authentication;

/// <summary>
/// "Authorization: Bearer pal_…": the token's hash is looked up; the principal carries the token id and role.
/// Challenges and refusals answer with an ApiError (401 Unauthenticated, 403 Forbidden.NotAuthorized).
/// </summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "palisade:token-id";

    /// <summary>For an agent token bound to an instance: that instance's id.</summary>
    public const string InstanceIdClaim = "palisade:instance-id";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <token>'.");
        }

        var secret = header[BearerPrefix.Length..].Trim();
        var tokens = Context.RequestServices.GetRequiredService<TokenService>();
        var token = await tokens.AuthenticateAsync(secret, Context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }

        List<Claim> claims = [new Claim(ClaimTypes.Name, token.TokenId), new Claim(TokenIdClaim, token.TokenId), new Claim(ClaimTypes.Role, token.Role)];
        if (token.InstanceId is not null)
        {
            claims.Add(new Claim(InstanceIdClaim, token.InstanceId));
        }

        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorWriter.WriteAsync(Context, ErrorCodes.Unauthenticated, "Authorization",
            "This request needs an API token: send 'Authorization: Bearer <token>' with a valid token (`palisade token create` makes one).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        return ApiErrorWriter.WriteAsync(Context, ErrorCodes.Forbidden, "Authorization",
            $"A token with role {role} may not call {Request.Path}: see docs/api.md for the actions of each role.");
    }
}
