using System.Globalization;
using Palisade.Contracts.Instances;
using Spectre.Console;

namespace Palisade.Cli.Output;

/// <summary>How instances print with --output table.</summary>
internal static class InstanceTables
{
    public static void List(DescribeInstancesResponse response, IAnsiConsole console)
    {
        if (response.Instances.Count == 0)
        {
            Tables.Line(console, "No instances: start `palisade agent --server URL --token T` on a server to register one.");
            return;
        }

        var table = Tables.Create("Instance", "Name", "Status", "Applied / desired", "Security groups", "Addresses", "Last seen", "Apply error");
        foreach (var instance in response.Instances)
        {
            Tables.AddRow(table, instance.InstanceId, instance.InstanceName, instance.Status, Revisions(instance),
                Tables.Join(instance.SecurityGroupIds), Tables.Join(instance.NetworkInterfaces.SelectMany(Addresses)),
                instance.LastSeenTime, instance.ApplyError);
        }

        console.Write(table);
    }

    public static void Describe(InstanceInfo instance, IAnsiConsole console)
    {
        Tables.Heading(console, $"{instance.InstanceId}  {instance.InstanceName}");
        var summary = Tables.Create("Field", "Value");
        Tables.AddRow(summary, "Status", instance.Status);
        Tables.AddRow(summary, "Host name", instance.HostName);
        Tables.AddRow(summary, "Region", instance.RegionId);
        Tables.AddRow(summary, "Agent version", instance.AgentVersion);
        Tables.AddRow(summary, "Revision applied / desired", Revisions(instance));
        Tables.AddRow(summary, "Applied at", instance.AppliedTime);
        Tables.AddRow(summary, "Apply error", instance.ApplyError);
        Tables.AddRow(summary, "Last seen", instance.LastSeenTime);
        Tables.AddRow(summary, "Created", instance.CreationTime);
        Tables.AddRow(summary, "Security groups", Tables.Join(instance.SecurityGroupIds));
        console.Write(summary);

        var nics = Tables.Create("NIC", "Device", "MAC", "NIC type", "Type", "Addresses", "Security groups");
        foreach (var nic in instance.NetworkInterfaces)
        {
            Tables.AddRow(nics, nic.NetworkInterfaceId, nic.DeviceName, nic.MacAddress, nic.NicType, nic.Type,
                Tables.Join(Addresses(nic)), Tables.Join(nic.SecurityGroupIds));
        }

        console.Write(nics);
    }

    /// <summary>"3 / 3" when the agent enforces what the server wants, "2 / 3 (pending)" while a change is on its way.</summary>
    private static string Revisions(InstanceInfo instance) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance.AppliedRevision} / {instance.DesiredRevision}") +
        (instance.AppliedRevision < instance.DesiredRevision ? " (pending)" : "");

    private static IEnumerable<string> Addresses(NetworkInterfaceInfo nic) =>
        new[] { nic.PrimaryIpAddress ?? "" }.Concat(nic.PrivateIpAddresses).Concat(nic.Ipv6Addresses)
            .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal);
}
