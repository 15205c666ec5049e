using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Palisade.Contracts;
using Palisade.Contracts.Common;

namespace Palisade.Cli.Api;

/// <summary>
/// Calls POST /api/{Action} and sorts every outcome into the CLI's exit codes: the response body on success;
/// <see cref="ExitCodes.ApiRefused"/> with the API's error code when the server refuses; and
/// <see cref="ExitCodes.Unreachable"/> when it cannot be reached, does not answer as a Palisade API, or rejects the
/// token. Nothing escapes as an HttpRequestException.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    // One pool per process: a real CLI run makes one call, but tests run thousands of invocations in one process
    // and would otherwise leave a socket behind for each.
    private static readonly SocketsHttpHandler SharedHandler = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
        UseProxy = false,
    };

    private readonly HttpClient _http;
    private readonly ApiConnection _connection;

    public ApiClient(ApiConnection connection)
    {
        _connection = connection;
        var baseAddress = connection.Server.AbsoluteUri.EndsWith('/') ? connection.Server : new Uri(connection.Server.AbsoluteUri + "/");
        _http = new HttpClient(SharedHandler, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = RequestTimeout,
            MaxResponseContentBufferSize = 64 * 1024 * 1024,
        };
    }

    /// <summary>Sends <paramref name="request"/> as the JSON body of <paramref name="action"/>; returns the response JSON.</summary>
    public async Task<string> PostAsync<TRequest>(string action, TRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_http.BaseAddress!, ApiActions.RoutePrefix.TrimStart('/') + action));
        message.Content = new StringContent(JsonSerializer.Serialize(request, ApiJson.Options), Encoding.UTF8, "application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_connection.Token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.Token);
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable($"cannot reach the server at {_connection.Server}: {Reason(ex)}.",
                $"Is `palisade server` running there? Point --server or {CliContext.ServerVariable} at it.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"the server at {_connection.Server} did not answer {action} within {RequestTimeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                EnsureJson(body, response.StatusCode);
                return body;
            }

            var error = TryReadError(body);
            if (error is null)
            {
                throw Unreachable($"the server at {_connection.Server} answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}) without a Palisade API error: is it a Palisade server?");
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var hint = _connection.Token is null
                    ? $"No token was given: pass --token or set {CliContext.TokenVariable} (`palisade token create --data DIR` makes one on the server machine)."
                    : $"The token was refused: check --token or {CliContext.TokenVariable}.";
                throw Unreachable($"authentication failed at {_connection.Server}: {error.Code}: {error.Message}", hint);
            }

            throw new CliException(ExitCodes.ApiRefused, $"{error.Code}: {error.Message}",
                [.. error.Errors.Select(e => string.IsNullOrEmpty(e.Field) ? $"{e.Code}: {e.Message}" : $"{e.Field}: {e.Code}: {e.Message}")]);
        }
    }

    public void Dispose() => _http.Dispose();

    private void EnsureJson(string body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return;
            }
        }
        catch (JsonException)
        {
            // Reported below with the status.
        }

        throw Unreachable($"the server at {_connection.Server} answered HTTP {(int)status} with something that is not a Palisade API response: is it a Palisade server?");
    }

    private static ApiError? TryReadError(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ApiError>(body, ApiJson.Options);
            return string.IsNullOrEmpty(error?.Code) ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Reason(HttpRequestException ex) =>
        ex.InnerException switch
        {
            SocketException socket => socket.Message,
            IOException io => io.Message,
            _ => ex.Message,
        };

    private static CliException Unreachable(string message, params string[] details) =>
        new(ExitCodes.Unreachable, message, details);
}
