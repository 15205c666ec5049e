namespace Palisade.Waf.SecLang;

/// <summary>A rule configuration that did not load; <see cref="Errors"/> lists every problem, not only the first.</summary>
public sealed class SecLangException : Exception
{
    public SecLangException(IReadOnlyList<SecLangError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SecLangError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<SecLangError> errors)
    {
        const int Shown = 20;
        var lines = errors.Take(Shown).Select(e => e.ToString());
        var more = errors.Count > Shown ? $"{Environment.NewLine}… and {errors.Count - Shown} more" : "";
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"The rule configuration has {errors.Count} {noun}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
