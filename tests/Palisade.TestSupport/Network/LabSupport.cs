using System.Security.Cryptography;
using Palisade.TestSupport.Native;

namespace Palisade.TestSupport.Network;

/// <summary>
/// Decides, once per process, whether this machine can run network labs, and says why not in words a developer can
/// act on.
/// </summary>
internal static class LabSupport
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>Null when supported, otherwise why not.</summary>
    public static string? UnsupportedReason => Reason.Value;

    /// <summary>
    /// CI must never skip a network test: there a missing prerequisite is a broken install step, so tests run and
    /// fail loudly instead (guide/testing.md: skip with a reason only outside CI).
    /// </summary>
    public static bool IsContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network labs need Linux network namespaces";
        }

        var uid = LibC.GetEffectiveUserId();
        if (uid != 0)
        {
            return $"network labs need root (ip netns, nft and raw sockets need CAP_SYS_ADMIN and CAP_NET_ADMIN); running as uid {uid}";
        }

        foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("nft", "nftables") })
        {
            if (LabTools.Find(tool) is null)
            {
                return $"'{tool}' not found: apt-get install -y {package}";
            }
        }

        // The only proof that namespaces and nftables work here (containers often forbid them) is to try.
        var prefix = $"{NetworkLab.DefaultPrefix}-{RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 6)}";
        var name = prefix + "-probe";
        try
        {
            // Owned like a lab, so a concurrent CleanupStale never takes it for a crashed run's leftover.
            LabOwnership.Claim(prefix);
            var add = CommandRunner.Run(LabTools.Ip, ["netns", "add", name]);
            if (!add.Succeeded)
            {
                return $"cannot create a network namespace: {add.StandardError.Trim()}";
            }

            var nft = CommandRunner.Run(LabTools.Ip, ["netns", "exec", name, LabTools.Nft, "list", "ruleset"]);
            if (!nft.Succeeded)
            {
                return $"nft does not work inside a network namespace: {nft.StandardError.Trim()}";
            }

            NamespaceThread.Run(name, () => 0);
            return null;
        }
        catch (Exception e)
        {
            return $"network namespace probe failed: {e.Message}";
        }
        finally
        {
            CommandRunner.Run(LabTools.Ip, ["netns", "del", name]);
            LabOwnership.Release(prefix);
        }
    }
}
