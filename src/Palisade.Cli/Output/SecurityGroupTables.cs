using Palisade.Contracts.SecurityGroups;
using Spectre.Console;

namespace Palisade.Cli.Output;

/// <summary>How security groups and their rules print with --output table.</summary>
internal static class SecurityGroupTables
{
    public static void Created(CreateSecurityGroupResponse response, IAnsiConsole console) =>
        Tables.Line(console, $"Created security group {response.SecurityGroupId}.");

    public static void List(DescribeSecurityGroupsResponse response, IAnsiConsole console)
    {
        if (response.SecurityGroups.Count == 0)
        {
            Tables.Line(console, "No security groups.");
            return;
        }

        var table = Tables.Create("Security group", "Name", "Type", "Inner access", "Rules", "Instances", "Region", "Description", "Created");
        foreach (var group in response.SecurityGroups)
        {
            Tables.AddRow(table, group.SecurityGroupId, group.SecurityGroupName, group.SecurityGroupType, group.InnerAccessPolicy,
                group.RuleCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                group.InstanceCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                group.RegionId, group.Description, group.CreationTime);
        }

        console.Write(table);
        if (response.TotalCount > response.SecurityGroups.Count)
        {
            Tables.Line(console, $"Page {response.PageNumber}: {response.SecurityGroups.Count} of {response.TotalCount} groups (--page-number, --page-size).");
        }
    }

    /// <summary>The group, then its rules per direction in the order the server evaluates them.</summary>
    public static void Describe(DescribeSecurityGroupAttributeResponse group, IAnsiConsole console)
    {
        Tables.Heading(console, $"{group.SecurityGroupId}  {group.SecurityGroupName}");
        var summary = Tables.Create("Field", "Value");
        Tables.AddRow(summary, "Type", group.SecurityGroupType);
        Tables.AddRow(summary, "Inner access policy", group.InnerAccessPolicy);
        Tables.AddRow(summary, "Region", group.RegionId);
        Tables.AddRow(summary, "Description", group.Description);
        Tables.AddRow(summary, "Created", group.CreationTime);
        Tables.AddRow(summary, "Instances", Tables.Join(group.InstanceIds));
        console.Write(summary);

        var directions = group.Permissions.Select(p => p.Direction).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (directions.Count == 0)
        {
            Tables.Line(console, "No rules: the group's defaults decide (see `palisade sg authorize --help`).");
            return;
        }

        foreach (var direction in directions)
        {
            var rules = group.Permissions.Where(p => string.Equals(p.Direction, direction, StringComparison.OrdinalIgnoreCase)).ToList();
            Tables.Heading(console, $"{Capitalize(direction)} rules, in evaluation order ({rules.Count}):");
            console.Write(Rules(rules));
        }
    }

    public static Table Rules(IReadOnlyList<Permission> rules)
    {
        var withSourcePorts = rules.Any(r => !string.IsNullOrEmpty(r.SourcePortRange));
        var headers = new List<string> { "#", "Priority", "Policy", "Protocol", "Ports" };
        if (withSourcePorts)
        {
            headers.Add("Source ports");
        }

        headers.AddRange(["Source", "Destination", "NIC type", "Description", "Hits", "Rule id"]);
        var table = Tables.Create([.. headers]);
        var position = 0;
        foreach (var rule in rules)
        {
            position++;
            var cells = new List<string?>
            {
                position.ToString(System.Globalization.CultureInfo.InvariantCulture), rule.Priority, rule.Policy, rule.IpProtocol, rule.PortRange,
            };
            if (withSourcePorts)
            {
                cells.Add(rule.SourcePortRange);
            }

            cells.AddRange([
                Tables.Join([rule.SourceCidrIp ?? "", rule.Ipv6SourceCidrIp ?? "", rule.SourceGroupId ?? "", rule.SourcePrefixListId ?? ""]),
                Tables.Join([rule.DestCidrIp ?? "", rule.Ipv6DestCidrIp ?? "", rule.DestGroupId ?? "", rule.DestPrefixListId ?? ""]),
                rule.NicType,
                rule.Description,
                rule.HitCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rule.SecurityGroupRuleId,
            ]);
            Tables.AddRow(table, [.. cells]);
        }

        return table;
    }

    public static void Authorized(AuthorizeSecurityGroupResponse response, IAnsiConsole console) =>
        Tables.Line(console, response.SecurityGroupRuleIds.Count == 1
            ? $"Authorized rule {response.SecurityGroupRuleIds[0]}."
            : $"Authorized rules {Tables.Join(response.SecurityGroupRuleIds)}.");

    public static void References(DescribeSecurityGroupReferencesResponse response, IAnsiConsole console)
    {
        var table = Tables.Create("Security group", "Referenced by group", "Rules");
        foreach (var reference in response.SecurityGroupReferences)
        {
            if (reference.ReferencingSecurityGroups.Count == 0)
            {
                Tables.AddRow(table, reference.SecurityGroupId, "(none)", null);
            }

            foreach (var referencing in reference.ReferencingSecurityGroups)
            {
                Tables.AddRow(table, reference.SecurityGroupId, referencing.SecurityGroupId, Tables.Join(referencing.SecurityGroupRuleIds));
            }
        }

        console.Write(table);
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? "Other" : char.ToUpperInvariant(text[0]) + text[1..];
}
