using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @contains and @strmatch: the argument occurs in the input (case-sensitive; an empty argument always occurs).
/// ModSecurity 2 implemented @strmatch with Boyer-Moore-Horspool, v3 with std::string::find; the answer is the same.
/// </summary>
internal sealed class ContainsOperator(OperatorName name, string argument) : CompiledOperator(name)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => input.IndexOf(argument, StringComparison.Ordinal) >= 0;
}
