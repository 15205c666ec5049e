using System.Diagnostics;

namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// A fact that compares against real PCRE2 through GNU grep -P. Skipped, with the reason, where grep lacks PCRE
/// support; under CI it always runs (Debian's grep has it).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PcreGrepFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(Probe);

    public override string? Skip
    {
        get => base.Skip ?? (DebianCrsRulesFactAttribute.IsContinuousIntegration() || Available.Value ? null : "GNU grep with PCRE (grep -P) is not available");
        set => base.Skip = value;
    }

    private static bool Probe()
    {
        try
        {
            using var grep = Process.Start(new ProcessStartInfo("grep", ["-qP", @"\x{61}"]) { RedirectStandardInput = true });
            if (grep is null)
            {
                return false;
            }

            grep.StandardInput.Write("a\n");
            grep.StandardInput.Close();
            grep.WaitForExit(5_000);
            return grep.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
