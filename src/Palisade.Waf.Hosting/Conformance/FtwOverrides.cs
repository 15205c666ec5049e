using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Platform overrides in the format of CRS's <c>tests/regression/*-overrides.yaml</c> (ftw-tests-schema, platform
/// overrides): each entry names a rule, its tests (and optionally stages), the reason, and the output that replaces
/// the test's own. An entry without output means the test is not run. Every entry must give a reason.
/// </summary>
internal sealed class FtwOverrides
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new IntListYamlConverter())
        .WithDuplicateKeyChecking()
        .Build();

    private readonly Dictionary<string, FtwTestOverride> _byTest;

    private FtwOverrides(IReadOnlyList<FtwTestOverride> entries)
    {
        Entries = entries;
        _byTest = new Dictionary<string, FtwTestOverride>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var testId in entry.TestIds ?? [])
            {
                _byTest[FormattableString.Invariant($"{entry.RuleId}-{testId}")] = entry;
            }
        }
    }

    public static FtwOverrides None { get; } = new([]);

    public IReadOnlyList<FtwTestOverride> Entries { get; }

    /// <summary>How many tests the entries cover.</summary>
    public int TestCount => _byTest.Count;

    public FtwTestOverride? Find(string testName) => _byTest.GetValueOrDefault(testName);

    /// <exception cref="InvalidDataException">Malformed YAML, or an entry without rule_id, test_ids or reason.</exception>
    public static FtwOverrides Parse(string yaml, string source)
    {
        FtwOverrideFile? file;
        try
        {
            file = Deserializer.Deserialize<FtwOverrideFile?>(yaml);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}:{ex.Start.Line}:{ex.Start.Column}: {(ex.InnerException ?? ex).Message}", ex);
        }

        var entries = file?.TestOverrides ?? [];
        var errors = new List<string>();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var where = $"{source}: test_overrides[{index}]";
            if (entry.RuleId <= 0)
            {
                errors.Add($"{where}: rule_id is missing; give the id of the rule whose tests are overridden.");
            }

            if (entry.TestIds is not { Count: > 0 })
            {
                errors.Add($"{where} (rule {entry.RuleId}): test_ids is missing; list the overridden tests, e.g. [4, 5].");
            }

            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                errors.Add($"{where} (rule {entry.RuleId}): reason is missing; every override must say why the test differs.");
            }
        }

        return errors.Count > 0 ? throw new InvalidDataException(string.Join(Environment.NewLine, errors)) : new FtwOverrides(entries);
    }

    /// <exception cref="InvalidDataException">See <see cref="Parse"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FtwOverrides Load(string path) => Parse(File.ReadAllText(path), path);
}
