using System.Diagnostics;
using System.Text;
using Palisade.Waf.SecLang;
using Xunit.Abstractions;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// Malformed rule files produce errors or rules — never another exception, never unbounded time or output.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    // Characters that mean something to the lexer or the rule grammar, plus a few that mean nothing.
    private const string Interesting = "\"'\\,:|!&@%{}=;#/ \t\n\r-+*?()[]^$.x0Z9é\0\u2028";

    private static readonly string[] Words =
        ["SecRule", "SecAction", "chain", "id:", "phase:", "t:none", "%{", "%{tx.", "setvar:", "ctl:", "@rx", "@pmFromFile", "Include", "!@", "&", "XML:/", "'", "\\\n"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ParseText_RandomMutationsOfCrsLines_ErrorsOrRulesNeverExceptions(int seed)
    {
        var random = new Random(seed);
        var files = Directory.GetFiles(CrsLocation.V4Rules, "*.conf").Order(StringComparer.Ordinal).Select(File.ReadAllLines).ToArray();
        var parser = new SecLangParser();
        var virtualPath = Path.Combine(CrsLocation.V4Rules, "fuzz.conf"); // so @pmFromFile data files resolve
        var slowest = TimeSpan.Zero;
        int withErrors = 0, clean = 0;
        for (var round = 0; round < 3000; round++)
        {
            var lines = files[random.Next(files.Length)];
            var start = random.Next(lines.Length);
            var window = lines.Skip(start).Take(1 + random.Next(40)).ToArray();
            var text = Mutate(string.Join('\n', window), random);

            var stopwatch = Stopwatch.StartNew();
            var result = parser.ParseText(text, virtualPath);
            stopwatch.Stop();

            slowest = stopwatch.Elapsed > slowest ? stopwatch.Elapsed : slowest;
            Assert.Equal(result.Errors.Count == 0, result.Succeeded);
            Assert.True(result.Errors.Count <= 1001, "errors are capped");
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            if (result.Succeeded)
            {
                clean++;
            }
            else
            {
                withErrors++;
                var exception = Assert.Throws<SecLangException>(result.GetConfigurationOrThrow);
                Assert.Equal(result.Errors.Count, exception.Errors.Count);
            }
        }

        output.WriteLine($"seed {seed}: {clean} parsed, {withErrors} rejected with errors, slowest {slowest.TotalMilliseconds:F1} ms");
        Assert.True(clean > 0 && withErrors > 0, "the mutations exercise both outcomes");
        // Generous: a window of at most 40 lines parses in well under a millisecond; seconds would mean runaway work.
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"slowest parse took {slowest}");
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void ParseText_HostileInput_BoundedErrorsAndTime(string name, string text)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = new SecLangParser(new InMemoryRuleFileSystem([])).ParseText(text, "/rules/hostile.conf");
        stopwatch.Stop();

        output.WriteLine($"{name}: {result.Errors.Count} errors in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(result.Errors.Count <= 1001, "errors are capped");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"{name} took {stopwatch.Elapsed}");
    }

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "100k-targets", $"SecRule {string.Join('|', Enumerable.Repeat("ARGS:a", 100_000))} \"@rx a\" \"id:1,pass\"" },
        { "100k-bad-targets", $"SecRule {string.Join('|', Enumerable.Repeat("ARG", 100_000))} \"@rx a\" \"id:1,pass\"" },
        { "50k-actions", $"SecAction \"id:1,pass,{string.Join(',', Enumerable.Repeat("tag:'x'", 50_000))}\"" },
        { "macro-soup", $"SecAction \"id:1,pass,msg:'{string.Concat(Enumerable.Repeat("%{tx.%{", 50_000))}'\"" },
        { "1MB-backslashes", "SecRule ARGS \"@rx " + new string('\\', 1_000_000) + "\" \"id:1,pass\"" },
        { "100k-continuations", string.Concat(Enumerable.Repeat("SecRule ARGS \\\n", 100_000)) },
        { "100k-unknown-directives", string.Concat(Enumerable.Repeat("Bogus\n", 100_000)) },
        { "20k-chained-links", "SecRule ARGS \"@rx a\" \"id:1,deny,chain\"\n" + string.Concat(Enumerable.Repeat("SecRule ARGS \"@rx a\" \"chain\"\n", 20_000)) + "SecRule ARGS \"@rx a\"" },
        { "unterminated-quotes", string.Concat(Enumerable.Repeat("SecRule ARGS \"@rx a \"id:1\n", 10_000)) },
        { "nested-groups-in-patterns", $"SecRuleRemoveByTag \"{new string('(', 20_000)}a{new string(')', 20_000)}\"\nSecAuditLogRelevantStatus \"{new string('(', 20_000)}\"" },
        { "huge-repetition-in-patterns", "SecRuleRemoveByMsg \"(a{1000}){1000}b{2147483647}\"\nSecAction \"id:1,pass,ctl:ruleRemoveByTag=(x{99999}){99999}\"" },
        { "nul-and-controls", "SecRule ARGS\0 \"@rx \0\u0001\" \"id:1,pass,msg:'\0'\"\nInclude \0.conf\nSecRule ARGS \"@pmFromFile a\0b\" \"id:2,pass\"" },
    };

    [Fact]
    public void ParseFile_IncludesNestedTooDeep_ErrorNotStackOverflow()
    {
        var files = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>($"/w/{i}.conf", $"Include {i + 1}.conf"))
            .Append(new("/w/100.conf", "SecAction \"id:1,pass\""));

        var result = new SecLangParser(new InMemoryRuleFileSystem(files)).ParseFile("/w/0.conf");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Includes nest deeper than 32 files", error.Message, StringComparison.Ordinal);
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var mutations = 1 + random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0 when builder.Length > 0:
                    builder.Remove(at, 1 + random.Next(Math.Min(8, builder.Length - at)));
                    break;
                case 1:
                    builder.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    builder.Insert(at, Words[random.Next(Words.Length)]);
                    break;
                case 3 when builder.Length > 1:
                    var other = random.Next(builder.Length);
                    (builder[at], builder[other]) = (builder[other], builder[at]);
                    break;
                case 4:
                    builder.Length = at;
                    break;
                default:
                    var length = Math.Min(20, builder.Length - at);
                    builder.Insert(at, builder.ToString(at, length));
                    break;
            }
        }

        return builder.ToString();
    }
}
