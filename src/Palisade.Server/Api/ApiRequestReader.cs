using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Palisade.Contracts;
using Palisade.Core;
using Palisade.Server.Application;

namespace Palisade.Server.Api;

/// <summary>
/// Reads an action's JSON body. Anything unreadable — invalid UTF-8, malformed JSON, too deep, a wrong type, an
/// unknown field — is a 400 naming the JSON path, never a 500. Unknown fields are refused because a mistyped field
/// of a firewall rule (say "DestCidr") would otherwise be silently ignored and the rule would open more than meant.
/// An empty body counts as {}.
/// </summary>
internal static class ApiRequestReader
{
    /// <summary>The wire options with unknown members refused; for the actions, not the agent protocol.</summary>
    public static JsonSerializerOptions StrictOptions { get; } = new(ApiJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<T> ReadAsync<T>(HttpContext context, string action, JsonSerializerOptions options)
        where T : class, new()
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (IsBlank(bytes.Span))
        {
            return new T();
        }

        if (!Utf8.IsValid(bytes.Span))
        {
            throw Malformed("", $"The body of {action} is not valid UTF-8: send a UTF-8 JSON object.");
        }

        T? request;
        try
        {
            request = JsonSerializer.Deserialize<T>(bytes.Span, options);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            throw Malformed(path.TrimStart('$').TrimStart('.'), $"The body of {action} could not be read at {path}: {Explain(ex)} Send a JSON object with the fields of {action}.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            throw Malformed("", $"The body of {action} could not be read: {ex.Message} Send a JSON object with the fields of {action}.");
        }

        return request ?? throw Malformed("", $"The body of {action} is null: send a JSON object with the fields of {action}.");
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>System.Text.Json's messages name CLR types; keep the part a caller can act on.</summary>
    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        const string unmapped = "The JSON property '";
        if (message.StartsWith(unmapped, StringComparison.Ordinal) && message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var end = message.IndexOf('\'', unmapped.Length);
            var name = end > unmapped.Length ? message[unmapped.Length..end] : "";
            return $"'{RequestFields.Shorten(name)}' is not a field of this action (field names are case-insensitive; check the spelling).";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message.Contains("System.", StringComparison.Ordinal) || message.Contains("Palisade.", StringComparison.Ordinal)
            ? "the value there has the wrong type (a field takes a string or number, a list takes an array, an object takes an object)."
            : message;
    }

    private static ValidationException Malformed(string field, string message) =>
        new(ErrorCodes.ParameterMalformed, field, null, message);
}
