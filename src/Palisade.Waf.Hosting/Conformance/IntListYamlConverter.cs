using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Reads a list of integers written either as a sequence (<c>[942100, 942101]</c>) or as one number: the schema
/// changed <c>status</c> from a list to a number, and files of both ages exist.
/// </summary>
internal sealed class IntListYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(List<int>);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var single))
        {
            return single.Value.Length == 0 ? null : new List<int> { ParseNumber(single) };
        }

        parser.Consume<SequenceStart>();
        var values = new List<int>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            values.Add(ParseNumber(parser.Consume<Scalar>()));
        }

        return values;
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        throw new NotSupportedException("go-ftw tests are only read.");

    private static int ParseNumber(Scalar scalar) =>
        int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a whole number.");
}
