using Palisade.Waf.SecLang;

namespace Palisade.Waf.Engine;

/// <summary>A rule configuration that cannot run: every problem, each as <c>file:line:column: message</c>.</summary>
public sealed class WafConfigurationException : Exception
{
    public WafConfigurationException(IReadOnlyList<SecLangError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public WafConfigurationException()
        : this([])
    {
    }

    public WafConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public WafConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<SecLangError> Errors { get; }

    private static string Describe(IReadOnlyList<SecLangError> errors) =>
        errors.Count == 0
            ? "The rule configuration is invalid."
            : $"The rule configuration has {errors.Count} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}
