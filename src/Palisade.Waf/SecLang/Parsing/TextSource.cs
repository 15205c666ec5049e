namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// A piece of an argument being parsed (an action value, a variable list) with the way back to file positions:
/// index i of <see cref="Text"/> is index <c>Offset + i</c> of the token.
/// </summary>
internal readonly record struct TextSource(string Text, ArgumentToken Token, int Offset)
{
    public static TextSource Of(ArgumentToken token) => new(token.Value, token, 0);

    public SourceLocation LocationOf(int index) => Token.LocationOf(Offset + index);

    public TextSource Slice(int start, int length) => new(Text.Substring(start, length), Token, Offset + start);

    public TextSource Slice(int start) => Slice(start, Text.Length - start);
}
