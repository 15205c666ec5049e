using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @eq, @ge, @gt, @le, @lt: compares the input, read as an integer (<see cref="CInteger"/>), with the argument.
/// </summary>
internal sealed class NumericComparisonOperator : CompiledOperator
{
    private readonly int _operand;

    public NumericComparisonOperator(OperatorName name, int operand)
        : base(name)
    {
        if (!IsNumeric(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a numeric comparison.");
        }

        _operand = operand;
    }

    public static bool IsNumeric(OperatorName name) =>
        name is OperatorName.Eq or OperatorName.Ge or OperatorName.Gt or OperatorName.Le or OperatorName.Lt;

    public override bool IsMatch(ReadOnlySpan<char> input) => Compare(Name, CInteger.Parse(input), _operand);

    /// <summary>The comparison itself, for callers that expand the argument on every evaluation.</summary>
    public static bool Compare(OperatorName name, int input, int operand) => name switch
    {
        OperatorName.Eq => input == operand,
        OperatorName.Ge => input >= operand,
        OperatorName.Gt => input > operand,
        OperatorName.Le => input <= operand,
        OperatorName.Lt => input < operand,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a numeric comparison."),
    };
}
