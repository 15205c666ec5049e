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
}
