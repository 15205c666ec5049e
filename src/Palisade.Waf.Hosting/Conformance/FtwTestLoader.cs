using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Reads go-ftw test files (<c>*.yaml</c> and <c>*.yml</c>, recursively, in ordinal path order). A file that holds
/// only comments is skipped, as go-ftw skips it; every other problem is an error naming file, line and column.
/// </summary>
internal static partial class FtwTestLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new IntListYamlConverter())
        .WithDuplicateKeyChecking()
        .Build();

    public static FtwLoadResult LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new FtwLoadResult([], [$"{directory}: the go-ftw test directory does not exist."]);
        }

        var files = new List<FtwTestFile>();
        var errors = new List<string>();
        var paths = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                if (Parse(File.ReadAllText(path), path) is { } file)
                {
                    files.Add(file);
                }
            }
            catch (YamlException ex)
            {
                errors.Add($"{path}:{ex.Start.Line}:{ex.Start.Column}: {Innermost(ex).Message}");
            }
            catch (IOException ex)
            {
                errors.Add($"{path}: {ex.Message}");
            }
        }

        return new FtwLoadResult(files, errors);
    }

    /// <summary>One file's text; null when it holds no document (only comments).</summary>
    /// <exception cref="YamlException">Malformed YAML, an unknown key or a value of the wrong type.</exception>
    public static FtwTestFile? Parse(string yaml, string path)
    {
        var file = Deserializer.Deserialize<FtwTestFile?>(yaml);
        if (file is null)
        {
            return null;
        }

        file.Path = path;
        var ruleId = file.RuleId;
        if (ruleId == 0 && FirstNumber().Match(System.IO.Path.GetFileName(path)) is { Success: true } number)
        {
            // go-ftw falls back on the file name when rule_id is missing.
            ruleId = int.Parse(number.Value, CultureInfo.InvariantCulture);
        }

        for (var index = 0; index < file.Tests.Count; index++)
        {
            var test = file.Tests[index];
            test.RuleId = ruleId;
            if (test.TestId == 0)
            {
                test.TestId = index + 1;
            }
        }

        return file;
    }

    /// <summary>YamlDotNet wraps the useful message (unknown property, bad number) in a generic one.</summary>
    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
