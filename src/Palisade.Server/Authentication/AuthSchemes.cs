using Microsoft.AspNetCore.Authentication.Cookies;

namespace Palisade.Server.Authentication;

/// <summary>
/// The API authenticates with bearer tokens only (no cookies, so no cross-site request can act for a logged-in
/// browser); the console with a cookie. A policy scheme picks one by path.
/// </summary>
internal static class AuthSchemes
{
    public const string Bearer = "PalisadeToken";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ByPath = "PalisadeByPath";

    public const string ConsoleLoginPath = "/console/login";
    public const string ConsoleLogoutPath = "/console/logout";
    public const string ConsoleRoot = "/console";
}
