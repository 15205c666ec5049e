using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Transformations;

/// <summary>Shorthands for the transformation tests.</summary>
internal static class TransformationTestSupport
{
    public static string Apply(TransformationName name, string input) => Transformation.Get(name).Apply(input);

    /// <summary>Every transformation except the identity.</summary>
    public static TheoryData<TransformationName> AllNames()
    {
        var data = new TheoryData<TransformationName>();
        foreach (var name in Enum.GetValues<TransformationName>())
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Random byte strings (chars 0–255), biased towards the characters decoders react to.</summary>
    public static string RandomByteString(Random random, int maxLength)
    {
        const string Interesting = "%uUxX\\&#;/.*-<!>+ 0123456789abcdefABCDEF\"'\n\r\t\0=";
        var length = random.Next(maxLength + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(3) switch
            {
                0 => Interesting[random.Next(Interesting.Length)],
                1 => (char)random.Next(0x20, 0x7F),
                _ => (char)random.Next(0, 256),
            };
        }

        return new string(chars);
    }
}
