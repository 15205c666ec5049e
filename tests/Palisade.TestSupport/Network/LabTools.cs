namespace Palisade.TestSupport.Network;

/// <summary>
/// Full paths of the programs the lab drives. Resolved once, also looking in the sbin folders: a non-root PATH often
/// lacks them, and `ip netns exec` must be handed a path that works whatever PATH the test runner had.
/// </summary>
internal static class LabTools
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string Ip => Find("ip") ?? "ip";

    public static string Nft => Find("nft") ?? "nft";

    public static string? Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
