namespace Palisade.Server;

/// <summary>A new API token. <see cref="Token"/> is the secret: it is shown once and stored only as a hash.</summary>
public sealed record CreatedToken(string TokenId, string Role, string Token);
