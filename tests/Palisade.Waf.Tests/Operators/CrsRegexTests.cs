using System.Diagnostics;
using System.Text;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// CRS's own patterns: all of v4 must run under NonBacktracking, agree with real PCRE2 on CRS's regression payloads,
/// and Debian's CRS 3.3.4 must load.
/// </summary>
public sealed class CrsRegexTests(CrsRegexFixture crs) : IClassFixture<CrsRegexFixture>
{
    [Fact]
    public void Compile_EveryCrsV4Pattern_RunsUnderNonBacktracking()
    {
        var fallbacks = crs.Regexes.Where(r => r.Engine != RegexEngineKind.NonBacktracking).Select(r => $"{r.FallbackReason}: {r.Pattern}");

        Assert.Equal(318, crs.Regexes.Count);
        Assert.Empty(fallbacks);
    }

    [Fact]
    public void IsMatch_EveryCrsV4PatternOnRegressionPayloads_MostPatternsFindTheirAttacks()
    {
        var patternsThatMatched = 0;
        foreach (var regex in crs.Regexes)
        {
            var matched = false;
            foreach (var payload in crs.Payloads)
            {
                matched |= regex.IsMatch(payload);
            }

            patternsThatMatched += matched ? 1 : 0;
        }

        // Raw URL-decoded payloads, without each rule's other transformations and targets (headers, file names, …),
        // still trigger well over half of the patterns; a translation bug that broke matching would sink this.
        Assert.True(patternsThatMatched >= 200, $"only {patternsThatMatched} of {crs.Regexes.Count} patterns matched any payload");
    }

    [PcreGrepFact]
    public void IsMatch_EveryCrsV4Pattern_AgreesWithPcre2OnRegressionPayloads()
    {
        var payloads = crs.Payloads.Where(p => !p.Contains('\0')).ToList();
        var directory = Directory.CreateTempSubdirectory("wafops-pcre-");
        try
        {
            var file = Path.Combine(directory.FullName, "payloads.bin");
            File.WriteAllBytes(file, [.. payloads.SelectMany(p => Encoding.Latin1.GetBytes(p).Append((byte)0))]);
            var disagreements = new List<string>();
            foreach (var regex in crs.Regexes)
            {
                // grep -z reads NUL-separated records, so a payload's newlines stay inside it; (?sm) is ModSecurity's
                // PCRE_DOTALL | PCRE_MULTILINE; LC_ALL=C keeps PCRE in byte mode as ModSecurity runs it.
                var pcre = GrepMatchingRecords(file, regex.Pattern);
                for (var i = 0; i < payloads.Count; i++)
                {
                    if (pcre.Contains(i + 1) != regex.IsMatch(payloads[i]))
                    {
                        disagreements.Add($"PCRE {(pcre.Contains(i + 1) ? "matches" : "does not match")} {Shorten(payloads[i])} with {Shorten(regex.Pattern)}");
                    }
                }
            }

            Assert.Empty(disagreements);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [DebianCrsRulesFact]
    public void Compile_EveryDebianCrs334Pattern_LoadsWithFewBacktrackingFallbacks()
    {
        var patterns = CrsRuleSet.RxPatterns(CrsRuleSet.DebianRules);
        var factory = new OperatorFactory(OperatorTestSupport.NoFiles);

        var regexes = patterns.Select(p => ((RegexOperator)factory.Compile(OperatorName.Rx, p.Pattern)).Regex).ToList();
        Parallel.ForEach(regexes, regex => regex.EnsureCompiled());

        var reasons = regexes.Where(r => r.Engine == RegexEngineKind.Backtracking).Select(r => r.FallbackReason).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(265, regexes.Count);
        Assert.Equal(["lookahead", "lookahead", "lookbehind", "possessive quantifier", "possessive quantifier"], reasons);
        foreach (var probe in new[] { "1' union select password from users--", "<script>alert(1)</script>", "../../../etc/passwd" })
        {
            Assert.Contains(regexes, r => r.IsMatch(probe));
        }
    }

    private static HashSet<int> GrepMatchingRecords(string file, string pattern)
    {
        var start = new ProcessStartInfo("grep", ["-znaP", "--", "(?sm)" + pattern, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.Latin1,
        };
        start.Environment["LC_ALL"] = "C";
        using var grep = Process.Start(start) ?? throw new InvalidOperationException("grep did not start");
        var output = grep.StandardOutput.ReadToEnd();
        var errors = grep.StandardError.ReadToEnd();
        grep.WaitForExit();
        Assert.True(grep.ExitCode is 0 or 1, $"grep -P rejected {Shorten(pattern)}: {errors}");

        var records = new HashSet<int>();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            records.Add(int.Parse(record.AsSpan(0, record.IndexOf(':', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture));
        }

        return records;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
