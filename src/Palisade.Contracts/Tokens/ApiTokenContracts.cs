using Palisade.Contracts.Common;

namespace Palisade.Contracts.Tokens;

/// <summary>Roles of API tokens and console users, from most to least powerful.</summary>
public static class ApiRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string ReadOnly = "read-only";
    public const string Agent = "agent";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, ReadOnly, Agent];
}

public sealed record CreateApiTokenRequest
{
    /// <summary>admin, operator, read-only or agent.</summary>
    public string? Role { get; set; }

    public string? Description { get; set; }
}

public sealed record CreateApiTokenResponse : ApiResponse
{
    public string TokenId { get; set; } = "";

    public string Role { get; set; } = "";

    /// <summary>The secret; shown once, stored only as a hash.</summary>
    public string Token { get; set; } = "";
}

public sealed record DescribeApiTokensResponse : ApiResponse
{
    public List<ApiTokenInfo> Tokens { get; set; } = [];
}

public sealed record ApiTokenInfo
{
    public string TokenId { get; set; } = "";

    public string Role { get; set; } = "";

    public string Description { get; set; } = "";

    public string CreationTime { get; set; } = "";

    public string? LastUsedTime { get; set; }

    /// <summary>For an agent token that has registered: the instance it is bound to.</summary>
    public string? InstanceId { get; set; }
}

public sealed record DeleteApiTokenRequest
{
    public string? TokenId { get; set; }
}
