namespace Palisade.Waf.Operators.Pcre;

/// <summary>A pattern PCRE would reject, or one using a PCRE feature .NET cannot express; the message says which.</summary>
internal sealed class PcreSyntaxException(string message, int offset) : FormatException($"{message} (at offset {offset})")
{
    public int Offset { get; } = offset;
}
