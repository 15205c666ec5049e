using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @within: the input occurs somewhere in the argument — the reverse of @contains (libmodsecurity v3 within.cc).
/// It is a plain substring test, so with "GET POST" the input "T P" matches too; an empty input always matches.
/// </summary>
internal sealed class WithinOperator(string argument) : CompiledOperator(OperatorName.Within)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => input.IsEmpty || argument.AsSpan().IndexOf(input, StringComparison.Ordinal) >= 0;
}
