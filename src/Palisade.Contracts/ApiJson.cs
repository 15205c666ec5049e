using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Palisade.Contracts;

/// <summary>
/// JSON settings of the wire format, identical on both ends: field names exactly as declared (the cloud's
/// PascalCase), case-insensitive reading, enums as strings, and scalars accepted as strings or numbers because
/// cloud clients send "Priority": "1" as often as "Priority": 1.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = null;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.MaxDepth = 32;
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new LenientStringConverter());
        return options;
    }
}
