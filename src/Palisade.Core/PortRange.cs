using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Palisade.Core;

/// <summary>
/// A port range in the cloud's "start/end" form. "-1/-1" means "no port" (icmp, gre, all) and matches any port;
/// otherwise both ends are 1..65535 and start ≤ end.
/// </summary>
[JsonConverter(typeof(PortRangeJsonConverter))]
public readonly record struct PortRange
{
    private PortRange(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The "-1/-1" range.</summary>
    public static PortRange Any { get; } = new(-1, -1);

    /// <summary>"1/65535": every port, written as a range of a port protocol.</summary>
    public static PortRange AllPorts { get; } = new(1, 65535);

    public int Start { get; }

    public int End { get; }

    public bool IsAny => Start == -1;

    /// <summary>The first port this range matches, 0 for <see cref="Any"/>.</summary>
    public ushort Low => IsAny ? (ushort)0 : (ushort)Start;

    /// <summary>The last port this range matches, 65535 for <see cref="Any"/>.</summary>
    public ushort High => IsAny ? ushort.MaxValue : (ushort)End;

    public bool IsSinglePort => !IsAny && Start == End;

    /// <summary>True when the range matches every port, whichever way it is written.</summary>
    public bool CoversAllPorts => IsAny || (Start <= 1 && End == 65535);

    public static PortRange Single(int port) => Create(port, port);

    public static PortRange Create(int start, int end)
    {
        if (start < 1 || end > 65535 || start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"'{start}/{end}' is not a port range of 1..65535 with start ≤ end.");
        }

        return new PortRange(start, end);
    }

    /// <summary>Parses "start/end", "-1/-1", or a single port "22" (a convenience of the CLI).</summary>
    public static bool TryParse(string? text, out PortRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var startText = slash < 0 ? span : span[..slash];
        var endText = slash < 0 ? span : span[(slash + 1)..];
        if (!TryParsePort(startText, out var start) || !TryParsePort(endText, out var end))
        {
            return false;
        }

        if (start == -1 && end == -1)
        {
            range = Any;
            return true;
        }

        if (start < 1 || end < 1 || start > 65535 || end > 65535 || start > end)
        {
            return false;
        }

        range = new PortRange(start, end);
        return true;
    }

    public static PortRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a port range such as 22/22, 8000/8080 or -1/-1.");

    public bool Contains(int port) => IsAny || (port >= Start && port <= End);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}/{End}");

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out port) && text.Length <= 6;

    private sealed class PortRangeJsonConverter : JsonConverter<PortRange>
    {
        public override PortRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TryParse(text, out var range) ? range : throw new JsonException($"'{text}' is not a port range.");
        }

        public override void Write(Utf8JsonWriter writer, PortRange value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
