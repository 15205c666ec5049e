using Microsoft.AspNetCore.Authorization;
using Palisade.Contracts.Tokens;

namespace Palisade.Server.Authentication;

/// <summary>
/// Who may call what. admin: everything. operator: every security-group, instance and prefix-list action, no
/// tokens. read-only: Describe* and Check*. agent: the agent protocol only.
/// </summary>
internal static class ApiPolicies
{
    public const string Read = "palisade.read";
    public const string Write = "palisade.write";
    public const string Admin = "palisade.admin";
    public const string Agent = "palisade.agent";
    public const string Any = "palisade.any";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, Roles(AuthSchemes.Bearer, ApiRoles.Admin, ApiRoles.Operator, ApiRoles.ReadOnly));
        options.AddPolicy(Write, Roles(AuthSchemes.Bearer, ApiRoles.Admin, ApiRoles.Operator));
        options.AddPolicy(Admin, Roles(AuthSchemes.Bearer, ApiRoles.Admin));
        options.AddPolicy(Agent, Roles(AuthSchemes.Bearer, ApiRoles.Admin, ApiRoles.Agent));
        options.AddPolicy(Any, new AuthorizationPolicyBuilder(AuthSchemes.Bearer).RequireAuthenticatedUser().Build());

        // Everything else (the console) needs a logged-in user; the login page opts out with [AllowAnonymous].
        options.FallbackPolicy = new AuthorizationPolicyBuilder(AuthSchemes.ByPath).RequireAuthenticatedUser().Build();
    }

    private static AuthorizationPolicy Roles(string scheme, params string[] roles) =>
        new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser().RequireRole(roles).Build();
}
