using Palisade.Core;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @ipMatch and @ipMatchFromFile: the input (an address such as REMOTE_ADDR) lies in one of the listed IPv4/IPv6
/// addresses or CIDR blocks. Input that is not an address does not match.
/// </summary>
internal sealed class IpMatchOperator(OperatorName name, IpAddressSet addresses) : CompiledOperator(name)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => addresses.Contains(input);

    /// <summary>Parses "192.0.2.1,198.51.100.0/24,2001:db8::/32" (spaces around items allowed).</summary>
    public static IpMatchOperator Parse(string argument)
    {
        var blocks = new List<Cidr>();
        foreach (var raw in argument.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            if (!Cidr.TryParse(item, out var cidr))
            {
                throw new OperatorCompilationException(OperatorName.IpMatch, argument,
                    $"'{item}' is not an IP address or CIDR block; write items such as 192.0.2.1, 198.51.100.0/24 or 2001:db8::/32, separated by commas.");
            }

            blocks.Add(cidr);
        }

        if (blocks.Count == 0)
        {
            throw new OperatorCompilationException(OperatorName.IpMatch, argument, "no address given; write items such as 192.0.2.1 or 198.51.100.0/24.");
        }

        return new IpMatchOperator(OperatorName.IpMatch, new IpAddressSet(blocks));
    }
}
