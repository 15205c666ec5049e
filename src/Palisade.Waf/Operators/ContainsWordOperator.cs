using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @containsWord (libmodsecurity v3 contains_word.cc): the argument occurs in the input with no ASCII letter
/// immediately before or after it. Only letters count as word characters, so "1abc2" contains the word "abc".
/// An empty argument always matches; an empty input matches only an empty argument.
/// </summary>
internal sealed class ContainsWordOperator(string argument) : CompiledOperator(OperatorName.ContainsWord)
{
    public override bool IsMatch(ReadOnlySpan<char> input)
    {
        if (argument.Length == 0)
        {
            return true;
        }

        var offset = 0;
        while (offset <= input.Length - argument.Length)
        {
            var found = input[offset..].IndexOf(argument, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            var start = offset + found;
            var end = start + argument.Length;
            var boundaryBefore = start == 0 || !char.IsAsciiLetter(input[start - 1]);
            var boundaryAfter = end == input.Length || !char.IsAsciiLetter(input[end]);
            if (boundaryBefore && boundaryAfter)
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }
}
