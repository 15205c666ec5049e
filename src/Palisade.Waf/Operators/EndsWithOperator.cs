using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@endsWith: the input ends with the argument (case-sensitive; an empty argument always matches).</summary>
internal sealed class EndsWithOperator(string argument) : CompiledOperator(OperatorName.EndsWith)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => input.EndsWith(argument, StringComparison.Ordinal);
}
