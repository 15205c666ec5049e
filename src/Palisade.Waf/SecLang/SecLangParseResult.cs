using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang;

/// <summary>
/// The outcome of parsing: either a validated configuration, or every error found. A configuration with errors is never
/// handed out, so a half-understood rule set cannot be run by mistake.
/// </summary>
public sealed class SecLangParseResult
{
    internal SecLangParseResult(SecLangConfiguration? configuration, IReadOnlyList<SecLangError> errors)
    {
        Configuration = errors.Count == 0 ? configuration : null;
        Errors = errors;
    }

    /// <summary>The configuration, or null when <see cref="Errors"/> is not empty.</summary>
    public SecLangConfiguration? Configuration { get; }

    public IReadOnlyList<SecLangError> Errors { get; }

    public bool Succeeded => Configuration is not null;

    /// <summary>The configuration; throws <see cref="SecLangException"/> listing every error when parsing failed.</summary>
    public SecLangConfiguration GetConfigurationOrThrow() => Configuration ?? throw new SecLangException(Errors);
}
