namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Collects every error of one parse, up to a cap so a hostile file cannot grow the list without bound.</summary>
internal sealed class Diagnostics
{
    public const int MaxErrors = 1000;

    private readonly List<SecLangError> _errors = [];

    public IReadOnlyList<SecLangError> Errors => _errors;

    public int Count => _errors.Count;

    /// <summary>True once the cap is reached: callers may stop early, nothing more will be recorded.</summary>
    public bool IsFull => _errors.Count > MaxErrors;

    /// <summary>
    /// Reports an unknown name with the closest accepted one and the full list. The suggestion costs a comparison per
    /// accepted name, so nothing is computed once the cap is reached (a hostile file can name 100,000 unknowns).
    /// </summary>
    public void ReportUnknown(SourceLocation location, string noun, string name, IReadOnlyList<string> accepted, string prefix = "")
    {
        if (_errors.Count <= MaxErrors)
        {
            Report(location, prefix + AcceptedNames.Unknown(noun, name, accepted));
        }
    }

    public void Report(SourceLocation location, string message)
    {
        // Messages quote configuration text through Shown.Text; this cap only backs that up.
        const int MaxMessageLength = 4000;
        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }

        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new SecLangError(location, message));
        }
        else if (_errors.Count == MaxErrors)
        {
            _errors.Add(new SecLangError(location, $"Too many errors; stopped after {MaxErrors}."));
        }
    }
}
