using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@streq: the input equals the argument exactly (case-sensitive).</summary>
internal sealed class StringEqualsOperator(string argument) : CompiledOperator(OperatorName.StrEq)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => input.SequenceEqual(argument);
}
