using System.Globalization;
using Palisade.Contracts.Analysis;
using Spectre.Console;

namespace Palisade.Cli.Output;

/// <summary>How access checks, effective access and risks print with --output table.</summary>
internal static class AccessTables
{
    public static void Verdict(CheckInstanceAccessResponse check, IAnsiConsole console)
    {
        var accepted = string.Equals(check.Verdict, "accept", StringComparison.OrdinalIgnoreCase);
        console.Write(new Text(check.Verdict.ToUpperInvariant(), new Style(accepted ? Color.Green : Color.Red, decoration: Decoration.Bold)));
        var decidedBy = check.SecurityGroupRuleId is null
            ? $" (decided by {check.DecidedBy})"
            : $" (decided by rule {check.SecurityGroupRuleId} of {check.SecurityGroupId}: priority {check.Priority?.ToString(CultureInfo.InvariantCulture) ?? "?"}, {check.Policy})";
        Tables.Line(console, decidedBy);
        if (!string.IsNullOrEmpty(check.RuleDescription))
        {
            Tables.Line(console, $"Rule description: {check.RuleDescription}");
        }

        if (!string.IsNullOrEmpty(check.NetworkInterfaceId))
        {
            Tables.Line(console, $"NIC: {check.NetworkInterfaceId} ({Tables.FirstOf(check.DeviceName)})");
        }

        if (!string.IsNullOrEmpty(check.Explanation))
        {
            Tables.Line(console, check.Explanation);
        }
    }

    public static void EffectiveAccess(DescribeEffectiveAccessResponse access, IAnsiConsole console)
    {
        var port = access.Port?.ToString(CultureInfo.InvariantCulture) ?? "any port";
        Tables.Line(console, $"{access.InstanceId} {access.NetworkInterfaceId}: {access.IpProtocol}/{port}" +
                             (access.OpenToEveryone ? " is open to everyone (every IPv4 and IPv6 address)." : ""));
        if (access.Allowed.Count == 0)
        {
            Tables.Line(console, "No source can open a new connection.");
            return;
        }

        var table = Tables.Create("Sources", "From", "To", "Decided by", "Security group", "Rule id");
        foreach (var range in access.Allowed)
        {
            Tables.AddRow(table, Tables.Join(range.Cidrs), range.First, range.Last, range.DecidedBy, range.SecurityGroupId, range.SecurityGroupRuleId);
        }

        console.Write(table);
    }

    public static void Risks(DescribeInstanceRisksResponse risks, IAnsiConsole console)
    {
        if (risks.Risks.Count == 0)
        {
            Tables.Line(console, $"{risks.InstanceId}: no high-risk port is reachable from the internet.");
        }
        else
        {
            Tables.Heading(console, $"{risks.InstanceId}: exposed ports ({risks.Risks.Count})");
            var table = Tables.Create("Severity", "NIC", "Protocol", "Port", "Service", "Reachable from", "Rules", "Explanation");
            foreach (var risk in risks.Risks)
            {
                Tables.AddRow(table, risk.Severity, risk.NetworkInterfaceId, risk.IpProtocol, risk.Port.ToString(CultureInfo.InvariantCulture),
                    risk.Service, risk.ReachableFrom, Tables.Join(risk.SecurityGroupRuleIds), risk.Explanation);
            }

            console.Write(table);
        }

        if (risks.Anomalies.Count == 0)
        {
            Tables.Line(console, "No rule anomalies.");
            return;
        }

        Tables.Heading(console, $"Rule anomalies ({risks.Anomalies.Count})");
        var anomalies = Tables.Create("Type", "NIC", "Direction", "Rule", "Other rule", "Explanation");
        foreach (var anomaly in risks.Anomalies)
        {
            Tables.AddRow(anomalies, anomaly.Type, anomaly.NetworkInterfaceId, anomaly.Direction, anomaly.SecurityGroupRuleId,
                anomaly.OtherSecurityGroupRuleId, anomaly.Explanation);
        }

        console.Write(anomalies);
    }
}
