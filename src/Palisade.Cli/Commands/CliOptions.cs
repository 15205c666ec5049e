using System.CommandLine;

namespace Palisade.Cli.Commands;

/// <summary>
/// Option factories. Values stay strings on purpose: the server validates every field and names it in its error
/// (InvalidPriority.Malformed …), so the CLI forwards what it was given instead of second-guessing it.
/// </summary>
internal static class CliOptions
{
    public static Option<string> Text(string name, string description, string helpName = "VALUE", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>An option that may be given several times (<c>--x a --x b</c>).</summary>
    public static Option<string[]> Repeatable(string name, string description, string helpName = "VALUE", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required, AllowMultipleArgumentsPerToken = false };

    public static Option<string> RegionId() =>
        Text("--region-id", "The region (default: the server's default region, \"local\").", "ID");

    public static Option<string> SecurityGroupId(bool required = true) =>
        Text("--security-group-id", "The security group, e.g. sg-0a1b2c3d4e5f.", "ID", required);

    public static Option<string> InstanceId(bool required = true) =>
        Text("--instance-id", "The instance, e.g. i-0a1b2c3d4e5f (see `palisade instance list`).", "ID", required);

    public static Option<string> NetworkInterfaceId(string description) =>
        Text("--network-interface-id", description, "ID");

    /// <summary>Null for an option given without values or not at all, so the request leaves the field out.</summary>
    public static List<string>? ListOrNull(string[]? values) => values is { Length: > 0 } ? [.. values] : null;
}
