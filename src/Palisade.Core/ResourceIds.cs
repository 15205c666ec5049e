using System.Security.Cryptography;

namespace Palisade.Core;

/// <summary>
/// Resource identifiers in the cloud's shape: a type prefix and 20 lowercase letters and digits
/// ("sg-2f9c0x…"). Random rather than sequential so ids never reveal how many resources exist.
/// </summary>
public static class ResourceIds
{
    public const string SecurityGroupPrefix = "sg-";
    public const string RulePrefix = "sgr-";
    public const string InstancePrefix = "i-";
    public const string NetworkInterfacePrefix = "eni-";
    public const string PrefixListPrefix = "pl-";
    public const string TokenPrefix = "tok-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomLength = 20;

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>True when <paramref name="id"/> has the given prefix followed by letters, digits or '-'.</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        if (id is null || id.Length <= prefix.Length || id.Length > 64 || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
