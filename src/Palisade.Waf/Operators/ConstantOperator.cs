using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@unconditionalMatch (always true) and @noMatch (always false).</summary>
internal sealed class ConstantOperator(OperatorName name, bool result) : CompiledOperator(name)
{
    public override bool IsMatch(ReadOnlySpan<char> input) => result;
}
