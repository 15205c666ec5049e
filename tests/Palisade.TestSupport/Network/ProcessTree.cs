using System.Globalization;

namespace Palisade.TestSupport.Network;

/// <summary>Descendants of a process, read from /proc, and waiting for processes to be gone.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat
                && int.TryParse(stat.Fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(pending.Pop()) ?? [])
            {
                result.Add(child);
                pending.Push(child);
            }
        }

        return result;
    }

    /// <summary>Waits until every pid has exited (or is a zombie waiting for its reaper), at most <paramref name="timeout"/>.</summary>
    public static void WaitUntilGone(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var pid in pids)
        {
            while (IsAlive(pid) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    public static bool IsAlive(int pid) => ReadStat(pid) is { } stat && stat.Fields[0] != "Z" && stat.Fields[0] != "X";

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ...</summary>
    private static (string[] Fields, bool Ok)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may contain spaces and parentheses; everything after the last ')' is fixed-format.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 2 ? (fields, true) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
