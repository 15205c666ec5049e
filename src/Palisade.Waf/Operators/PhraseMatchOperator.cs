using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @pm and @pmFromFile: one of the phrases occurs in the input, ignoring ASCII case. The capture (TX.0) is the
/// phrase as written in the rule or data file, as ModSecurity stores it.
/// </summary>
internal sealed class PhraseMatchOperator(OperatorName name, AhoCorasickAutomaton automaton) : CompiledOperator(name)
{
    public AhoCorasickAutomaton Automaton { get; } = automaton;

    public override bool ProducesCaptures => true;

    public override bool IsMatch(ReadOnlySpan<char> input) => Automaton.FindFirst(input) >= 0;

    public override bool IsMatch(string input, OperatorCaptures captures)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(captures);
        captures.Clear();
        var found = Automaton.FindFirst(input);
        if (found < 0)
        {
            return false;
        }

        captures.Set(0, Automaton.Phrases[found].AsMemory());
        return true;
    }
}
