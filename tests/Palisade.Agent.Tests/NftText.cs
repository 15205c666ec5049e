using System.Text.RegularExpressions;

namespace Palisade.Agent.Tests;

internal static partial class NftText
{
    /// <summary>
    /// A ruleset listing with counter values blanked, to compare rulesets: a stray packet of the lab (an IPv6
    /// multicast listener report) may be counted between two listings.
    /// </summary>
    public static string WithoutCounterValues(string listing) => CounterValues().Replace(listing, "packets _ bytes _");

    [GeneratedRegex(@"packets \d+ bytes \d+", RegexOptions.CultureInvariant)]
    private static partial Regex CounterValues();
}
