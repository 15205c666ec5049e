using System.Globalization;
using System.Text;

namespace Palisade.Server.Tests;

/// <summary>
/// Random JSON text for the fuzz test, written by hand so that it can hold what a JSON library would refuse to
/// produce: numbers past every range, deep nesting, control characters, lone surrogates.
/// </summary>
internal sealed class RandomJson(Random random, IReadOnlyList<string> interestingStrings)
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "22", "65535", "65536", "100", "101", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1e308", "1e400", "-1e400", "0.5", "1.0e-400", "123456789012345678901234567890",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "tcp", "TCP", "udp", "icmp", "icmpv6", "gre", "all", "sctp", "22/22", "-1/-1", "1/65535", "200/1", "0/0", "65535/65536",
        "0.0.0.0/0", "::/0", "203.0.113.7", "10.0.0.300/8", "2001:db8::/129", "accept", "drop", "Accept", "Drop", "ingress", "egress",
        "internet", "intranet", "normal", "enterprise", "admin", "operator", "read-only", "agent", "IPv4", "IPv6", "local", "1", "100", "0",
        "sg-", "sgr-", "i-", "eni-", "pl-", "tok-", "null", "{}", "[]", "\\u0000", "\\ud800", "\\n\\t", "ünïcødé ☃", "http://x",
        "'; DROP TABLE SecurityGroups; --",
    ];

    public string Value(int depth = 0)
    {
        var pick = random.Next(depth > 4 ? 4 : 7);
        return pick switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => Numbers[random.Next(Numbers.Length)],
            3 => String(),
            4 => String(),
            5 => Array(depth + 1),
            _ => Object(depth + 1),
        };
    }

    public string String()
    {
        var pick = random.Next(10);
        var text = pick switch
        {
            < 4 => Strings[random.Next(Strings.Length)],
            < 7 when interestingStrings.Count > 0 => interestingStrings[random.Next(interestingStrings.Count)],
            7 => new string((char)random.Next('a', 'z' + 1), random.Next(1, 20_000)),
            _ => RandomCharacters(random.Next(0, 40)),
        };
        return "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    public string Array(int depth)
    {
        var items = Enumerable.Range(0, random.Next(0, depth > 3 ? 2 : 6)).Select(_ => Value(depth));
        return "[" + string.Join(",", items) + "]";
    }

    public string Object(int depth, IReadOnlyList<string>? names = null)
    {
        var count = random.Next(0, depth > 3 ? 2 : 6);
        var fields = Enumerable.Range(0, count).Select(_ =>
            "\"" + (names is { Count: > 0 } && random.Next(4) > 0 ? names[random.Next(names.Count)] : RandomName()) + "\":" + Value(depth));
        return "{" + string.Join(",", fields) + "}";
    }

    /// <summary>Arrays or objects nested past the parser's depth limit (32).</summary>
    public string DeepNesting()
    {
        var depth = random.Next(20, 200);
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append(random.Next(2) == 0 ? "[" : "{\"Permissions\":");
        }

        builder.Append('1');
        return builder.ToString();
    }

    public byte[] RawBytes()
    {
        return random.Next(6) switch
        {
            0 => [],
            1 => "null"u8.ToArray(),
            2 => "   \n "u8.ToArray(),
            3 => [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC],
            4 => [.. "{\"SecurityGroupName\":\""u8, 0xFF, 0xFE, .. "\"}"u8],
            _ => Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256)).ToArray(),
        };
    }

    private string RandomName() => random.Next(3) switch
    {
        0 => "X" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        1 => "",
        _ => RandomCharacters(random.Next(1, 10)),
    };

    private string RandomCharacters(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = (char)random.Next(0x20, 0x2FF);
            if (c is '"' or '\\')
            {
                c = '_';
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
