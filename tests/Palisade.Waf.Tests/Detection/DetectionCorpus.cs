using System.Runtime.CompilerServices;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// The hand-written samples in Corpus/*.txt, read next to this source file: one sample per line, "##" lines are
/// comments. They hold values as the detectors receive them, i.e. after CRS's transformations.
/// </summary>
internal static class DetectionCorpus
{
    public static IReadOnlyList<string> SqlInjectionAttacks { get; } = Read("sqli-attacks.txt");

    public static IReadOnlyList<string> XssAttacks { get; } = Read("xss-attacks.txt");

    /// <summary>Benign text and benign HTML-ish values together: neither detector may flag any.</summary>
    public static IReadOnlyList<string> Benign { get; } = [.. Read("benign-text.txt"), .. Read("benign-html.txt")];

    public static TheoryData<string> AsTheoryData(IReadOnlyList<string> samples) => new(samples);

    private static string[] Read(string name, [CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Corpus", name);
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith("##", StringComparison.Ordinal))
            .ToArray();
    }
}
