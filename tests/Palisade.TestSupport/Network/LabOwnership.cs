using System.Globalization;
using System.Text.RegularExpressions;
using Palisade.TestSupport.Native;

namespace Palisade.TestSupport.Network;

/// <summary>
/// Who owns which lab namespaces, so leftovers of a crashed run can be removed without touching the labs of a test
/// process that is still running.
/// </summary>
/// <remarks>
/// dotnet test runs several test assemblies at once, so "older than me" alone is not a safe test for "stale": a
/// sibling test process that started earlier owns live labs. Each lab therefore writes an owner file (pid plus the
/// process start time from /proc, which survives pid reuse) before it creates any namespace, and a namespace is
/// stale only when its owner is gone AND it was created before the cleaning process started. The owner files live
/// in /run, a tmpfs, so they vanish on reboot together with the namespaces they describe.
/// </remarks>
internal static partial class LabOwnership
{
    public const string OwnerDirectory = "/run/palisade-netlab";

    public static void Claim(string labPrefix)
    {
        Directory.CreateDirectory(OwnerDirectory);
        File.WriteAllText(OwnerFile(labPrefix), $"{Environment.ProcessId} {ProcessStartTicks(Environment.ProcessId)}\n");
    }

    public static void Release(string labPrefix)
    {
        try
        {
            File.Delete(OwnerFile(labPrefix));
        }
        catch (IOException)
        {
            // A missing owner file only makes the namespaces eligible for cleanup, which is what we want anyway.
        }
    }

    public static bool IsOwnerAlive(string labPrefix)
    {
        string[] parts;
        try
        {
            parts = File.ReadAllText(OwnerFile(labPrefix)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (IOException)
        {
            return false;
        }

        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ProcessStartTicks(pid) is { } started
            && started.ToString(CultureInfo.InvariantCulture) == parts[1];
    }

    /// <summary>Deletes the stale namespaces named <c>{prefix}-xxxxxx-role</c>; returns how many.</summary>
    public static int CleanupStale(string prefix, DateTime createdBeforeUtc)
    {
        if (!Directory.Exists(NamespaceThread.NetnsDirectory))
        {
            return 0;
        }

        var pattern = new Regex($"^{Regex.Escape(prefix)}-[a-z0-9]{{6}}-[a-z0-9]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var stale = new List<string>();
        foreach (var path in Directory.EnumerateFiles(NamespaceThread.NetnsDirectory))
        {
            var name = Path.GetFileName(path);
            if (!pattern.IsMatch(name))
            {
                continue;
            }

            var labPrefix = name[..name.LastIndexOf('-')];
            // The nsfs inode's mtime is the moment `ip netns add` created it.
            if (!IsOwnerAlive(labPrefix) && File.GetLastWriteTimeUtc(path) < createdBeforeUtc)
            {
                stale.Add(name);
            }
        }

        Delete(stale);
        foreach (var labPrefix in stale.Select(n => n[..n.LastIndexOf('-')]).Distinct())
        {
            Release(labPrefix);
        }

        // Owner files of crashed processes whose namespaces are already gone (a crash between Claim and creation).
        if (Directory.Exists(OwnerDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(OwnerDirectory, $"{prefix}-*"))
            {
                var labPrefix = Path.GetFileName(file);
                if (!IsOwnerAlive(labPrefix) && File.GetLastWriteTimeUtc(file) < createdBeforeUtc
                    && !Directory.EnumerateFiles(NamespaceThread.NetnsDirectory, labPrefix + "-*").Any())
                {
                    Release(labPrefix);
                }
            }
        }

        return stale.Count;
    }

    /// <summary>
    /// Kills every process still living in the namespaces (a daemon that double-forked out of a process tree we
    /// killed would otherwise keep the namespace alive), then deletes them; deleting a namespace destroys its veths.
    /// </summary>
    public static void Delete(IReadOnlyCollection<string> namespaceNames)
    {
        if (namespaceNames.Count == 0)
        {
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in namespaceNames)
        {
            try
            {
                ids.Add(NamespaceThread.NamespaceId(name));
            }
            catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        foreach (var pid in ProcessesIn(ids))
        {
            _ = LibC.Kill(pid, LibC.SigKill);
        }

        var script = string.Concat(namespaceNames.Select(n => $"netns del {n}\n"));
        // -force: carry on past a namespace that someone already deleted.
        CommandRunner.Run(LabTools.Ip, ["-force", "-batch", "-"], script);
    }

    private static IEnumerable<int> ProcessesIn(HashSet<string> namespaceIds)
    {
        if (namespaceIds.Count == 0)
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId)
            {
                continue;
            }

            string? link;
            try
            {
                link = new FileInfo(Path.Combine(directory, "ns", "net")).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (link is not null && namespaceIds.Contains(link))
            {
                yield return pid;
            }
        }
    }

    private static string OwnerFile(string labPrefix) => Path.Combine(OwnerDirectory, labPrefix);

    /// <summary>Field 22 of /proc/pid/stat: start time in clock ticks since boot, or null if there is no such process.</summary>
    private static long? ProcessStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) may contain spaces and parentheses; everything after the last ')' is fixed-format.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
