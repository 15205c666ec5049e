using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// An operator argument that cannot be compiled (a malformed regex, a byte range out of 0–255, a data file that
/// cannot be read, …). The message names the operator, the value and what is accepted.
/// </summary>
public sealed class OperatorCompilationException : Exception
{
    public OperatorCompilationException(OperatorName name, string argument, string message, Exception? innerException = null)
        : base($"@{OperatorCatalog.NameOf(name)} '{Shorten(argument)}': {message}", innerException)
    {
        Operator = name;
        Argument = argument;
    }

    public OperatorName Operator { get; }

    public string Argument { get; }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
