using System.Net;
using System.Text.Json;
using Palisade.Contracts;

namespace Palisade.Server.Tests;

/// <summary>An answer of the server: status, body as text, and the X-Request-Id header.</summary>
public sealed record ApiResult(HttpStatusCode Status, string Body, string? RequestIdHeader)
{
    public T As<T>() => JsonSerializer.Deserialize<T>(Body, ApiJson.Options)!;

    public Palisade.Contracts.Common.ApiError Error => As<Palisade.Contracts.Common.ApiError>();

    public override string ToString() => $"{(int)Status} {Body}";
}
