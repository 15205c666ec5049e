namespace Palisade.Core;

/// <summary>
/// One problem with one field of a request: the cloud error code, the field as the API names it, the value as
/// given, and a message that says what is accepted.
/// </summary>
public sealed record ValidationError(string Code, string Field, string? Value, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
