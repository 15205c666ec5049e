using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@beginsWith: the input starts with the argument (case-sensitive; an empty argument always matches).</summary>
internal sealed class BeginsWithOperator(string argument) : CompiledOperator(OperatorName.BeginsWith)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => input.StartsWith(argument, StringComparison.Ordinal);
}
