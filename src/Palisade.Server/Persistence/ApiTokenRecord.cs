namespace Palisade.Server.Persistence;

/// <summary>An API token; only the SHA-256 of its secret is kept, so a copy of the database grants nothing.</summary>
internal sealed class ApiTokenRecord
{
    public required string TokenId { get; set; }

    /// <summary>Lowercase hex SHA-256 of the secret, unique.</summary>
    public required string SecretHash { get; set; }

    public required string Role { get; set; }

    public string Description { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    /// <summary>
    /// For an agent token: the instance it registered first, the only one it may speak for afterwards. An agent
    /// token that could register under any name could rewrite another instance's addresses, and so the members of
    /// every group that names that instance's group as a peer.
    /// </summary>
    public string? InstanceId { get; set; }
}
