using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>
/// API tokens: "pal_" and 32 random bytes in base64url. Only the SHA-256 of a secret is stored, so the database
/// grants nothing to whoever copies it; the secret is shown once, when it is created.
/// </summary>
internal sealed class TokenService(ConfigurationStore store, TimeProvider time)
{
    public const string SecretPrefix = "pal_";
    public const int MaxSecretLength = 512;
    private const int SecretBytes = 32;
    private const int MaxDescriptionLength = 256;

    /// <summary>Last-used times are kept to the minute, so an agent's polls do not each cost a write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private PalisadeDbContext Db => store.Db;

    public Task<CreatedToken> CreateAsync(string? role, string? description, CancellationToken cancellationToken)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return StoreAsync(secret, role, description, cancellationToken);
    }

    /// <summary>Stores a secret chosen by the operator (PALISADE_BOOTSTRAP_TOKEN) as a token.</summary>
    public Task<CreatedToken> StoreAsync(string secret, string? role, string? description, CancellationToken cancellationToken)
    {
        var roleName = RequestFields.Required(role, "Role", $"use one of {string.Join(", ", ApiRoles.All)}");
        if (!ApiRoles.All.Contains(roleName, StringComparer.Ordinal))
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "Role", RequestFields.Shorten(role),
                $"Role '{RequestFields.Shorten(role)}' is not accepted: use one of {string.Join(", ", ApiRoles.All)}.");
        }

        var text = description ?? "";
        if (text.Length > MaxDescriptionLength || text.Any(char.IsControl))
        {
            throw new ValidationException(ErrorCodes.DescriptionMalformed, "Description", RequestFields.Shorten(text),
                $"Description is not accepted: use at most {MaxDescriptionLength} characters without control characters.");
        }

        return store.ChangeAsync(async () =>
        {
            var record = new ApiTokenRecord
            {
                TokenId = ResourceIds.New(ResourceIds.TokenPrefix),
                SecretHash = Hash(secret),
                Role = roleName,
                Description = text,
                CreatedUtc = time.UtcNow(),
            };
            if (await Db.ApiTokens.AnyAsync(t => t.SecretHash == record.SecretHash, cancellationToken).ConfigureAwait(false))
            {
                throw new ValidationException(ErrorCodes.ParameterConflict, "Token", null, "A token with this secret exists already.");
            }

            Db.ApiTokens.Add(record);
            return new CreatedToken(record.TokenId, record.Role, secret);
        }, cancellationToken);
    }

    public async Task<DescribeApiTokensResponse> DescribeAsync(CancellationToken cancellationToken)
    {
        var tokens = await Db.ApiTokens.AsNoTracking().OrderBy(t => t.CreatedUtc).ThenBy(t => t.TokenId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DescribeApiTokensResponse
        {
            Tokens = [.. tokens.Select(t => new ApiTokenInfo
            {
                TokenId = t.TokenId,
                Role = t.Role,
                Description = t.Description,
                CreationTime = ApiTime.Format(t.CreatedUtc),
                LastUsedTime = ApiTime.Format(t.LastUsedUtc),
                InstanceId = t.InstanceId,
            })],
        };
    }

    public async Task<ApiResponse> DeleteAsync(DeleteApiTokenRequest request, CancellationToken cancellationToken)
    {
        var id = RequestFields.RequiredId(request.TokenId, "TokenId", ResourceIds.TokenPrefix, ErrorCodes.TokenNotFound);
        await store.ChangeAsync(async () =>
        {
            var token = await Db.ApiTokens.SingleOrDefaultAsync(t => t.TokenId == id, cancellationToken).ConfigureAwait(false)
                ?? throw new ValidationException(ErrorCodes.TokenNotFound, "TokenId", id, $"Token {id} does not exist.");
            Db.ApiTokens.Remove(token);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Db.ApiTokens.AnyAsync(cancellationToken);

    /// <summary>The token a bearer secret belongs to, or null; notes when it was last used.</summary>
    public async Task<ApiTokenRecord?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is 0 or > MaxSecretLength)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await Db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, cancellationToken).ConfigureAwait(false);

        // The lookup is by hash, which tells an attacker nothing about the secret; compare in constant time anyway
        // so that no code path compares secret material with an early exit.
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        var now = time.UtcNow();
        if (token.LastUsedUtc is not { } used || now - used >= LastUsedResolution)
        {
            await store.ChangeAsync(async () =>
            {
                var tracked = await Db.ApiTokens.SingleOrDefaultAsync(t => t.TokenId == token.TokenId, cancellationToken).ConfigureAwait(false);
                if (tracked is not null)
                {
                    tracked.LastUsedUtc = now;
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        return token;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
