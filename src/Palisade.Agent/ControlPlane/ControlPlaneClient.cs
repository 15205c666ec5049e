using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Palisade.Contracts;
using Palisade.Contracts.Agent;
using Palisade.Contracts.Common;

namespace Palisade.Agent.ControlPlane;

/// <summary>
/// The agent protocol over HTTP (POST api/agent/register, GET api/agent/desired-state as a long poll,
/// POST api/agent/report) with the agent's bearer token. Every failure becomes a <see cref="ServerCall{T}"/>:
/// a dead server, an error answer or a body this agent cannot read never throws.
/// </summary>
internal sealed class ControlPlaneClient(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "palisade-control-plane";

    /// <summary>A request other than the long poll gets this long for an answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public Task<ServerCall<AgentRegisterResponse>> RegisterAsync(AgentRegisterRequest request, CancellationToken cancellationToken) =>
        SendAsync<AgentRegisterResponse>(HttpMethod.Post, ApiActions.AgentRegister, request, RequestTimeout, cancellationToken);

    /// <summary>Waits up to <paramref name="wait"/> on the server for a digest other than <paramref name="knownDigest"/>.</summary>
    public Task<ServerCall<AgentDesiredStateResponse>> GetDesiredStateAsync(
        string instanceId, string? knownDigest, TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var query = $"{ApiActions.AgentDesiredState}?instanceId={Uri.EscapeDataString(instanceId)}&wait={seconds}"
                    + (string.IsNullOrEmpty(knownDigest) ? "" : "&digest=" + Uri.EscapeDataString(knownDigest));
        return SendAsync<AgentDesiredStateResponse>(HttpMethod.Get, query, null, wait + RequestTimeout, cancellationToken);
    }

    public Task<ServerCall<ApiResponse>> ReportAsync(AgentReportRequest request, CancellationToken cancellationToken) =>
        SendAsync<ApiResponse>(HttpMethod.Post, ApiActions.AgentReport, request, RequestTimeout, cancellationToken);

    private async Task<ServerCall<T>> SendAsync<T>(HttpMethod method, string path, object? body, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var http = httpClients.CreateClient(HttpClientName);
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new ServerCall<T>(ServerCallStatus.NotModified, HttpStatus: response.StatusCode);
            }

            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = TryReadError(text);
                var code = error?.Code is { Length: > 0 } c ? c : null;
                var message = error?.Message is { Length: > 0 } m ? m : Shorten(text);
                return new ServerCall<T>(ServerCallStatus.Rejected, HttpStatus: response.StatusCode, ErrorCode: code,
                    Problem: $"{(int)response.StatusCode} {code ?? response.ReasonPhrase}: {message}");
            }

            if (!IsJson(response.Content.Headers.ContentType))
            {
                return BadResponse<T>(response.StatusCode, $"expected JSON, got '{response.Content.Headers.ContentType}'");
            }

            var value = JsonSerializer.Deserialize<T>(text, ApiJson.Options);
            return value is null
                ? BadResponse<T>(response.StatusCode, "the body is JSON null")
                : new ServerCall<T>(ServerCallStatus.Ok, value, response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServerCall<T>(ServerCallStatus.Unreachable, Problem: $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return new ServerCall<T>(ServerCallStatus.Unreachable, HttpStatus: ex.StatusCode, Problem: ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return BadResponse<T>(null, ex.Message);
        }
    }

    private static ServerCall<T> BadResponse<T>(HttpStatusCode? status, string why)
        where T : class =>
        new(ServerCallStatus.BadResponse, HttpStatus: status, Problem: "unreadable answer: " + why);

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ApiError? TryReadError(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiError>(text, ApiJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 200 ? single : single[..200] + "…";
    }
}
