using System.Globalization;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.Firewall;

/// <summary>A canonical text of a management allowance, to tell whether a ruleset must be compiled again.</summary>
internal static class AllowanceText
{
    public static string Of(ManagementAllowance allowance)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        IEnumerable<string> sources = allowance.Sources.IsDefault ? [] : allowance.Sources.Select(s => s.ToString()).Order(StringComparer.Ordinal);
        IEnumerable<string> ports = allowance.TcpPorts.IsDefault ? [] : allowance.TcpPorts.Order().Select(p => p.ToString(CultureInfo.InvariantCulture));
        IEnumerable<string> controlPlane = allowance.ControlPlane.IsDefault ? [] : allowance.ControlPlane
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Address}:{c.Port}")).Order(StringComparer.Ordinal);
        return $"sources={string.Join(',', sources)};ports={string.Join(',', ports)};control-plane={string.Join(',', controlPlane)}";
    }
}
