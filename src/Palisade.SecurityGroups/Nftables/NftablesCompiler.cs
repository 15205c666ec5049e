using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Compiles an instance's <see cref="EffectivePolicy"/> into one nft script that replaces the
/// <c>table inet palisade</c> atomically, with the same verdict for every packet as the evaluator.
/// </summary>
/// <remarks>
/// <para>Script layout, all one <c>nft -f</c> transaction:</para>
/// <list type="number">
/// <item>The connection-timeout table (<see cref="NftCompileOptions.TimeoutTableName"/>): created if missing and
/// otherwise left as it is, its two chains flushed and refilled. A <c>ct timeout</c> object only takes effect on a
/// connection that conntrack has created but not yet confirmed, so it is set in filter-priority chains on
/// <c>ct state new</c> (set at raw priority, before conntrack, the kernel ignores it). It lives outside the filter
/// table because deleting the object — which replacing that table would do — puts every live connection using it
/// back on the kernel's 5-day default.</item>
/// <item><c>table inet palisade {}</c>, <c>delete table inet palisade</c>, then the full table. Never
/// <c>flush table</c>: it keeps old set elements and counter values.</item>
/// </list>
/// <para>
/// Base chains mirror the evaluator's order: established/related accepted; invalid dropped on input only (an
/// invalid outbound packet goes on to the rules); loopback accepted; neighbour discovery and DHCP
/// (<see cref="InfrastructureTraffic"/>) accepted; then one jump per NIC by device name. A device that is not a
/// NIC of the policy falls through to the chain's accept policy; a NIC without groups is accepted explicitly, so
/// a later NIC of the same name (the evaluator takes the first) cannot decide.
/// </para>
/// <para>
/// Live connections when a rule flips to drop: "ct state established,related accept" comes first, so a connection
/// that was allowed keeps working until it is closed or idles out (<see cref="NftCompileOptions.EstablishedTimeoutSeconds"/>,
/// 910 s for TCP); only new connections see the new rules. After an idle-out a further packet of that connection
/// is a new one to conntrack (loose TCP pickup) or invalid, and the rules decide again. This is the documented
/// behaviour; an operator who must cut a session at once flushes it from conntrack.
/// </para>
/// </remarks>
public static class NftablesCompiler
{
    private const string TimeoutObjectPrefix = "tcp_established_";

    public static NftRuleset Compile(EffectivePolicy policy, NftCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new NftCompileOptions();
        var errors = options.Validate().ToList();
        errors.AddRange(policy.Nics
            .Where(n => !NftNames.IsMatchableDeviceName(n.Nic.DeviceName))
            .Select(n => $"NIC {n.Nic.NetworkInterfaceId} has DeviceName '{n.Nic.DeviceName}', which nftables cannot match exactly: use 1 to 15 letters, digits, '.', '-' or '_'."));
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(policy));
        }

        var builder = new RulesetBuilder();
        var nicCompiler = new NicChainCompiler(builder, options.SetThreshold);
        var inputDispatch = new List<string>();
        var outputDispatch = new List<string>();
        for (var i = 0; i < policy.Nics.Length; i++)
        {
            var nic = policy.Nics[i];
            var device = nic.Nic.DeviceName;
            if (!nic.IsProtected)
            {
                inputDispatch.Add($"iifname \"{device}\" accept");
                outputDispatch.Add($"oifname \"{device}\" accept");
                continue;
            }

            // Rules that resolved to no entry (a group without members) still get a counter, so that every rule
            // of the NIC has a hit count to show, even if it is zero.
            foreach (var rule in nic.IngressRules.Concat(nic.EgressRules))
            {
                builder.DeclareCounter(new NftCounter(NftNames.RuleCounter(rule.SecurityGroupRuleId), rule.SecurityGroupRuleId, null));
            }

            var input = nicCompiler.Compile(nic.Ingress, NftNames.NicPrefix(i, Direction.Ingress), device, Direction.Ingress);
            var output = nicCompiler.Compile(nic.Egress, NftNames.NicPrefix(i, Direction.Egress), device, Direction.Egress);
            inputDispatch.Add($"iifname \"{device}\" jump {input}");
            outputDispatch.Add($"oifname \"{device}\" jump {output}");
        }

        builder.AddChain("input", "type filter hook input priority filter; policy accept;", [.. InputPreamble(), .. inputDispatch]);
        builder.AddChain("output", "type filter hook output priority filter; policy accept;", [.. OutputPreamble(), .. outputDispatch]);

        var script = new StringBuilder();
        WriteTimeoutTable(script, options);
        script.Append("table inet ").Append(options.TableName).Append(" {}\n")
            .Append("delete table inet ").Append(options.TableName).Append('\n');
        builder.WriteTable(script, options.TableName);
        var text = script.ToString();
        return new NftRuleset
        {
            TableName = options.TableName,
            Script = text,
            Digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Counters = [.. builder.Counters],
            RuleLineCount = builder.RuleLineCount,
            SetElementCount = builder.SetElementCount,
            MapCount = builder.MapCount,
        };
    }

    /// <summary>A script that removes both tables of a compiled ruleset (for uninstalling), whether they exist or not.</summary>
    public static string CompileRemoval(NftCompileOptions? options = null)
    {
        options ??= new NftCompileOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        return $"table inet {options.TableName} {{}}\ndelete table inet {options.TableName}\n"
            + $"table inet {options.TimeoutTableName} {{}}\ndelete table inet {options.TimeoutTableName}\n";
    }

    private static IEnumerable<string> InputPreamble()
    {
        yield return "ct state established,related accept";
        yield return "ct state invalid drop";
        yield return "iif \"lo\" accept";
        yield return NeighborDiscovery();
        yield return Dhcp("ipv4", InfrastructureTraffic.DhcpV4Inbound);
        yield return Dhcp("ipv6", InfrastructureTraffic.DhcpV6Inbound);
    }

    private static IEnumerable<string> OutputPreamble()
    {
        yield return "ct state established,related accept";
        yield return "oif \"lo\" accept";
        yield return NeighborDiscovery();
        yield return Dhcp("ipv4", InfrastructureTraffic.DhcpV4Outbound);
        yield return Dhcp("ipv6", InfrastructureTraffic.DhcpV6Outbound);
    }

    // "icmpv6 type" alone would only imply the protocol number, and the evaluator allows these types for IPv6 only.
    private static string NeighborDiscovery() => string.Create(CultureInfo.InvariantCulture,
        $"meta nfproto ipv6 icmpv6 type {InfrastructureTraffic.NeighborDiscoveryFirstType}-{InfrastructureTraffic.NeighborDiscoveryLastType} accept");

    private static string Dhcp(string family, (int Source, int Destination) ports) => string.Create(CultureInfo.InvariantCulture,
        $"meta nfproto {family} udp sport {ports.Source} udp dport {ports.Destination} accept");

    private static void WriteTimeoutTable(StringBuilder script, NftCompileOptions options)
    {
        if (options.EstablishedTimeoutSeconds == 0)
        {
            return;
        }

        var table = options.TimeoutTableName;
        var timeout = TimeoutObjectPrefix + options.EstablishedTimeoutSeconds.ToString(CultureInfo.InvariantCulture);

        // Adding an existing object or chain is a no-op, so this block creates what is missing and changes nothing
        // else; the object's name carries its value, so a new timeout is a new object rather than a failed update.
        script.Append("table inet ").Append(table).Append(" {\n")
            .Append("\tct timeout ").Append(timeout).Append(" {\n")
            .Append("\t\tprotocol tcp;\n")
            .Append("\t\tpolicy = { established: ").Append(options.EstablishedTimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append(" };\n")
            .Append("\t}\n")
            .Append("\tchain input {\n\t\ttype filter hook input priority filter - 1; policy accept;\n\t}\n")
            .Append("\tchain output {\n\t\ttype filter hook output priority filter - 1; policy accept;\n\t}\n")
            .Append("}\n");
        foreach (var chain in new[] { "input", "output" })
        {
            script.Append("flush chain inet ").Append(table).Append(' ').Append(chain).Append('\n')
                .Append("add rule inet ").Append(table).Append(' ').Append(chain)
                .Append(" ct state new meta l4proto tcp ct timeout set \"").Append(timeout).Append("\"\n");
        }
    }
}
