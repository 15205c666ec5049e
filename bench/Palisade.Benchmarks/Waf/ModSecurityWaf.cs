using System.Runtime.InteropServices;
using System.Text;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// libmodsecurity 3 with one rule set loaded from files, in the form its nginx connector uses it. Two ModSecurity
/// instances share the rules: <see cref="QuietInstance"/> has a log callback that returns at once (the timed runs;
/// ModSecurity still formats each log line before calling it, as in production), <see cref="CollectingInstance"/>
/// hands each line to the list passed as the transaction's callback data (the benign check).
/// </summary>
internal sealed unsafe class ModSecurityWaf : IDisposable
{
    private bool _disposed;

    private ModSecurityWaf(nint quiet, nint collecting, nint rules, string version, int ruleCount)
    {
        QuietInstance = quiet;
        CollectingInstance = collecting;
        Rules = rules;
        Version = version;
        RuleCount = ruleCount;
    }

    public nint QuietInstance { get; }

    public nint CollectingInstance { get; }

    public nint Rules { get; }

    /// <summary>msc_who_am_i, e.g. "ModSecurity v3.0.9 (Linux)".</summary>
    public string Version { get; }

    /// <summary>The sum of what msc_rules_add_file reported per file.</summary>
    public int RuleCount { get; }

    /// <summary>Loads <paramref name="files"/> in order; the first file libmodsecurity rejects throws with its message.</summary>
    /// <exception cref="DllNotFoundException">libmodsecurity.so.3 is not installed (Debian: libmodsecurity3).</exception>
    public static ModSecurityWaf Load(IReadOnlyList<string> files)
    {
        var quiet = ModSecurityNative.Init();
        var collecting = ModSecurityNative.Init();
        ModSecurityNative.SetLogCallback(quiet, &DiscardLogLine);
        ModSecurityNative.SetLogCallback(collecting, &CollectLogLine);
        var version = Marshal.PtrToStringUTF8(ModSecurityNative.WhoAmI(quiet)) ?? "ModSecurity ?";
        var rules = ModSecurityNative.CreateRulesSet();
        var ruleCount = 0;
        foreach (var file in files)
        {
            fixed (byte* path = NullTerminated(file))
            {
                var added = ModSecurityNative.RulesAddFile(rules, path, out var error);
                if (added < 0)
                {
                    var message = error == 0 ? "(no message)" : Marshal.PtrToStringUTF8(error)?.Trim();
                    ModSecurityNative.Free(error);
                    ModSecurityNative.RulesCleanup(rules);
                    ModSecurityNative.Cleanup(quiet);
                    ModSecurityNative.Cleanup(collecting);
                    throw new InvalidOperationException($"{version} rejected {file}: {message}");
                }

                ruleCount += added;
            }
        }

        return new ModSecurityWaf(quiet, collecting, rules, version, ruleCount);
    }

    /// <summary>UTF-8 with the terminating NUL the C API expects.</summary>
    public static byte[] NullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ModSecurityNative.RulesCleanup(Rules);
        ModSecurityNative.Cleanup(QuietInstance);
        ModSecurityNative.Cleanup(CollectingInstance);
    }

    [UnmanagedCallersOnly]
    private static void DiscardLogLine(nint callbackData, nint line)
    {
    }

    /// <summary>The callback data is a GCHandle of a List&lt;string&gt;, set by the benign check's transaction.</summary>
    [UnmanagedCallersOnly]
    private static void CollectLogLine(nint callbackData, nint line)
    {
        if (callbackData != 0 && GCHandle.FromIntPtr(callbackData).Target is List<string> lines)
        {
            lines.Add(Marshal.PtrToStringUTF8(line) ?? "");
        }
    }
}
