using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Palisade.Contracts;

namespace Palisade.Agent.Tests;

/// <summary>Calls the real server's API the way the CLI does (POST /api/{Action}, JSON, bearer token).</summary>
internal sealed class ControlPlaneApi(Uri server, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<T> CallAsync<T>(string action, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/" + action)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} failed: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<T>(text, ApiJson.Options)!;
    }

    public void Dispose() => _http.Dispose();
}
