using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// CRS v4 parsed once per test class, the way a deployment loads it: our base configuration, crs-setup.conf.example,
/// then rules/*.conf — from a real main file on disk that includes the real CRS files.
/// </summary>
public sealed class CrsV4Fixture : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("palisade-seclang-");

    public CrsV4Fixture()
    {
        MainFile = Path.Combine(_directory.FullName, "main.conf");
        File.WriteAllText(MainFile, $"""
            {RecommendedBaseConfiguration.Text}
            Include {CrsLocation.V4Setup}
            Include {CrsLocation.V4Rules}/*.conf
            """);
        Result = new SecLangParser().ParseFile(MainFile);
    }

    public string MainFile { get; }

    public SecLangParseResult Result { get; }

    public SecLangConfiguration Configuration => Result.GetConfigurationOrThrow();

    public RuleDefinition Rule(int id) => Configuration.Rules.Single(r => r.Id == id);

    public void Dispose() => _directory.Delete(recursive: true);
}
