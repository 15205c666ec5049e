using Palisade.Waf.SecLang.Parsing;

namespace Palisade.Waf.SecLang;

/// <summary>
/// Parses ModSecurity SecLang (the subset OWASP CRS v4, Debian's CRS 3.3.4 and ModSecurity's recommended base
/// configuration use) into a validated, immutable <see cref="Model.SecLangConfiguration"/>. Anything outside the
/// supported lists — directive, variable, operator, transformation, action, ctl kind — is an error with file, line and
/// column, never skipped; every error is reported, not only the first. Parsing never throws for bad input: problems
/// come back in <see cref="SecLangParseResult.Errors"/>. Thread-safe: each call works on its own state.
/// </summary>
public sealed class SecLangParser
{
    private readonly IRuleFileSystem _fileSystem;

    public SecLangParser(IRuleFileSystem? fileSystem = null)
    {
        _fileSystem = fileSystem ?? PhysicalRuleFileSystem.Instance;
    }

    /// <summary>Parses the file at <paramref name="path"/> and everything it includes.</summary>
    public SecLangParseResult ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ConfigurationReader(_fileSystem).ReadFile(path);
    }

    /// <summary>
    /// Parses configuration text. <paramref name="path"/> names it in errors and anchors relative Include and data
    /// file paths (its directory); it need not exist.
    /// </summary>
    public SecLangParseResult ParseText(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ConfigurationReader(_fileSystem).ReadText(text, path);
    }

    /// <summary>Parses a file and returns the configuration, or throws <see cref="SecLangException"/> listing every error.</summary>
    public Model.SecLangConfiguration LoadFile(string path) => ParseFile(path).GetConfigurationOrThrow();
}
