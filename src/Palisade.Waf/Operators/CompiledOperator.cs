using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// An operator compiled for one rule: immutable, thread-safe, evaluated many times. Inputs are byte strings (see
/// <see cref="Transformations.ByteText"/>). Negation (!@…) is the engine's business: this answers the operator itself.
/// </summary>
public abstract class CompiledOperator
{
    private protected CompiledOperator(OperatorName name)
    {
        Name = name;
    }

    public OperatorName Name { get; }

    /// <summary>True when the operator stores captures (TX.0–TX.9) for rules with the capture action.</summary>
    public virtual bool ProducesCaptures => false;

    /// <summary>The fast path: does the operator match? No captures, no allocation.</summary>
    public abstract bool IsMatch(ReadOnlySpan<char> input);

    /// <summary>
    /// For rules with the capture action: matches and fills <paramref name="captures"/> (cleared first) with what
    /// ModSecurity would store in TX.0–TX.9. Operators without captures leave it empty.
    /// </summary>
    public virtual bool IsMatch(string input, OperatorCaptures captures)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(captures);
        captures.Clear();
        return IsMatch(input.AsSpan());
    }

    public override string ToString() => "@" + OperatorCatalog.NameOf(Name);
}
