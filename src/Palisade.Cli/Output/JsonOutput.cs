using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Palisade.Cli.Output;

/// <summary>
/// Prints the API's response as the server sent it, only indented: field names and values are the API's own, so
/// scripts can rely on the documented response shapes.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, string json)
    {
        using var document = JsonDocument.Parse(json);
        Write(output, document.RootElement);
    }

    public static void Write(TextWriter output, JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            element.WriteTo(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
