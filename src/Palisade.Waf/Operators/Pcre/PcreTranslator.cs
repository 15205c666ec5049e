using System.Globalization;
using System.Text;

namespace Palisade.Waf.Operators.Pcre;

/// <summary>
/// Rewrites a PCRE pattern, as ModSecurity compiles it (no UTF mode, "C" locale), into .NET syntax with the same
/// meaning on byte strings. The pattern is re-emitted token by token rather than patched: every literal becomes a
/// plain character or \xHH, bytes 0x80–0xFF become their <see cref="HighByteMapping"/> chars, and character classes
/// are rebuilt from the set of bytes they accept (so PCRE's "[" inside a class never turns into .NET's class
/// subtraction, and POSIX classes such as [[:alpha:]] get their ASCII meaning).
/// </summary>
/// <remarks>
/// Syntax follows the PCRE2 pattern reference (pcre2pattern(3)). Handled: \x{hh}, \xh, \o{}, octal, \cX, \Q…\E,
/// \h \H \v \V \R \N, POSIX classes, (?P&lt;name&gt;…) and other named groups (renumbered as plain groups so TX.n
/// follows PCRE's numbering), (?#…) comments, the x flag, possessive quantifiers (as atomic groups). Rejected with a
/// clear message: \K, \X, \C, recursion, subroutine calls, conditionals, branch reset, (*VERB)s, the U flag, and
/// character values above 0xFF.
/// </remarks>
internal sealed partial class PcreTranslator
{
    /// <summary>Stands for a multiline '^' in the output until the two final forms are produced.</summary>
    private const char MultilineCaret = '\uE000';

    /// <summary>
    /// PCRE's multiline '^' does not match after a newline that ends the subject; .NET's does. This form keeps
    /// PCRE's rule (it needs the backtracking engine, so it is only used when the input ends with a newline).
    /// </summary>
    private const string PcreMultilineCaret = "(?:\\A|(?<=\\n)(?!\\z))";

    private readonly string _pattern;
    private readonly StringBuilder _output = new();
    private readonly Stack<GroupFrame> _groups = new();
    private readonly Dictionary<string, int> _namedGroups = new(StringComparer.Ordinal);
    private readonly int _totalCaptures;
    private int _position;
    private int _lastAtomStart = -1;
    private int _captureCount;
    private bool _extended;
    private bool _multiline = true;
    private bool _hasMultilineCaret;
    private string? _backtrackingReason;

    private PcreTranslator(string pattern)
    {
        _pattern = pattern;
        _totalCaptures = CountCaptures(pattern);
    }

    private readonly record struct GroupFrame(int OutputStart, bool Extended, bool Multiline);

    /// <summary>Translates a pattern given as a byte string (see <see cref="Transformations.ByteText"/>).</summary>
    /// <exception cref="PcreSyntaxException">The pattern is malformed or uses an unsupported PCRE feature.</exception>
    public static PcreTranslation Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translator = new PcreTranslator(pattern);
        translator.Run();
        var output = translator._output.ToString();
        var dotNet = output.Replace(MultilineCaret.ToString(), "^", StringComparison.Ordinal);
        var exact = translator._hasMultilineCaret ? output.Replace(MultilineCaret.ToString(), PcreMultilineCaret, StringComparison.Ordinal) : null;
        return new PcreTranslation(dotNet, translator._backtrackingReason, exact);
    }

    private void Run()
    {
        while (_position < _pattern.Length)
        {
            var c = _pattern[_position];
            if (_extended && SkipExtendedWhitespaceOrComment())
            {
                continue;
            }

            switch (c)
            {
                case '\\':
                    TranslateEscape();
                    break;
                case '[':
                    TranslateClass();
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    CloseGroup();
                    break;
                case '|':
                    _output.Append('|');
                    _lastAtomStart = -1;
                    _position++;
                    break;
                case '^':
                    if (_multiline)
                    {
                        _output.Append(MultilineCaret);
                        _hasMultilineCaret = true;
                    }
                    else
                    {
                        _output.Append('^');
                    }

                    _lastAtomStart = -1;
                    _position++;
                    break;
                case '$':
                    _output.Append('$');
                    _lastAtomStart = -1;
                    _position++;
                    break;
                case '.':
                    _lastAtomStart = _output.Length;
                    _output.Append('.');
                    _position++;
                    break;
                case '*':
                case '+':
                case '?':
                    TranslateQuantifier();
                    break;
                case '{':
                    if (TryReadBraceQuantifier(_position, out _))
                    {
                        TranslateQuantifier();
                    }
                    else
                    {
                        EmitByte('{');
                        _position++;
                    }

                    break;
                default:
                    if (c > 0xFF)
                    {
                        throw new PcreSyntaxException($"character U+{(int)c:X4} is not a byte; patterns are byte strings", _position);
                    }

                    EmitByte(c);
                    _position++;
                    break;
            }
        }

        if (_groups.Count > 0)
        {
            throw new PcreSyntaxException("missing closing parenthesis", _pattern.Length);
        }
    }

    private bool SkipExtendedWhitespaceOrComment()
    {
        var c = _pattern[_position];
        if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            _position++;
            return true;
        }

        if (c == '#')
        {
            while (_position < _pattern.Length && _pattern[_position] != '\n')
            {
                _position++;
            }

            return true;
        }

        return false;
    }

    private void RequireBacktracking(string reason) => _backtrackingReason ??= reason;

    private void EmitByte(int value)
    {
        _lastAtomStart = _output.Length;
        AppendChar(_output, value);
    }

    private void EmitAtom(string text)
    {
        _lastAtomStart = _output.Length;
        _output.Append(text);
    }

    /// <summary>One byte as .NET pattern text that means exactly that character, inside or outside a class.</summary>
    private static void AppendChar(StringBuilder builder, int value)
    {
        if (value >= 0x80)
        {
            builder.Append("\\u").Append((HighByteMapping.Offset + value).ToString("X4", CultureInfo.InvariantCulture));
        }
        else if (char.IsAsciiLetterOrDigit((char)value))
        {
            builder.Append((char)value);
        }
        else
        {
            builder.Append("\\x").Append(value.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    private void TranslateQuantifier()
    {
        var start = _position;
        if (_lastAtomStart < 0)
        {
            throw new PcreSyntaxException("quantifier does not follow a repeatable item", start);
        }

        var c = _pattern[_position];
        if (c == '{')
        {
            TryReadBraceQuantifier(_position, out var end);
            _output.Append(_pattern, _position, end - _position);
            _position = end;
        }
        else
        {
            _output.Append(c);
            _position++;
        }

        if (_position < _pattern.Length && _pattern[_position] == '?')
        {
            _output.Append('?');
            _position++;
        }
        else if (_position < _pattern.Length && _pattern[_position] == '+')
        {
            // Possessive: PCRE never gives back what the item matched, which is what an atomic group does.
            _output.Insert(_lastAtomStart, "(?>").Append(')');
            _position++;
            RequireBacktracking("possessive quantifier");
        }

        _lastAtomStart = -1;
    }

    /// <summary>{n}, {n,} or {n,m} at <paramref name="start"/>; anything else is a literal '{' in PCRE.</summary>
    private bool TryReadBraceQuantifier(int start, out int end)
    {
        end = start;
        var i = start + 1;
        var digits = 0;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            i++;
            digits++;
        }

        if (digits == 0 || i >= _pattern.Length)
        {
            return false;
        }

        if (_pattern[i] == ',')
        {
            i++;
            while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
            {
                i++;
            }
        }

        if (i >= _pattern.Length || _pattern[i] != '}')
        {
            return false;
        }

        end = i + 1;
        return true;
    }
}
