using System.Buffers;
using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// @validateByteRange: matches when any byte of the input lies outside the allowed values and ranges, written as
/// "1-255" or "9,10,13,32-126". An empty input does not match. A char above 255 (not a byte) is always outside.
/// </summary>
internal sealed class ValidateByteRangeOperator : CompiledOperator
{
    private readonly SearchValues<char> _allowed;

    private ValidateByteRangeOperator(SearchValues<char> allowed)
        : base(OperatorName.ValidateByteRange)
    {
        _allowed = allowed;
    }

    /// <summary>Parses the ranges; throws <see cref="OperatorCompilationException"/> naming the bad item.</summary>
    public static ValidateByteRangeOperator Parse(string argument)
    {
        var allowed = new bool[256];
        foreach (var raw in argument.Split(','))
        {
            var item = raw.Trim();
            var dash = item.Length > 1 ? item.IndexOf('-', 1) : -1;
            var first = ParseByte(argument, dash > 0 ? item[..dash] : item);
            var last = dash > 0 ? ParseByte(argument, item[(dash + 1)..]) : first;
            if (first > last)
            {
                throw new OperatorCompilationException(OperatorName.ValidateByteRange, argument,
                    $"the range '{item}' starts after it ends; write ranges low-high within 0-255, e.g. 32-126.");
            }

            Array.Fill(allowed, true, first, last - first + 1);
        }

        var chars = new List<char>();
        for (var value = 0; value < allowed.Length; value++)
        {
            if (allowed[value])
            {
                chars.Add((char)value);
            }
        }

        return new ValidateByteRangeOperator(SearchValues.Create(chars.ToArray()));
    }

    public override bool IsMatch(ReadOnlySpan<char> input) => input.IndexOfAnyExcept(_allowed) >= 0;

    private static int ParseByte(string argument, string text)
    {
        var trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
        {
            throw new OperatorCompilationException(OperatorName.ValidateByteRange, argument,
                $"'{trimmed}' is not a byte value; use numbers 0-255 and ranges such as 1-255, separated by commas.");
        }

        return value;
    }
}
