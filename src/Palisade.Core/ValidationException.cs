namespace Palisade.Core;

/// <summary>
/// Raised by hosts when a request fails validation; carries every problem found, the first one's code leading.
/// Domain code returns errors as values; hosts turn them into this exception at their edge.
/// </summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base(Describe(errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A validation exception needs at least one error.", nameof(errors));
        }

        Errors = errors;
    }

    public ValidationException(string code, string field, string? value, string message)
        : this([new ValidationError(code, field, value, message)])
    {
    }

    public ValidationException()
        : this(ErrorCodes.ParameterMalformed, "", null, "The request is not valid.")
    {
    }

    public ValidationException(string message)
        : this(ErrorCodes.ParameterMalformed, "", null, message)
    {
    }

    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError(ErrorCodes.ParameterMalformed, "", null, message)];
    }

    public IReadOnlyList<ValidationError> Errors { get; } = [];

    public string Code => Errors[0].Code;

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 1 ? errors[0].Message : string.Join(" ", errors.Select(e => e.Message));
}
