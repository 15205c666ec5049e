namespace Palisade.Contracts.Common;

/// <summary>
/// The body of every failed request: the cloud error code of the first problem, a message, and every problem
/// found (field, value, code, message), so one round trip shows all that is wrong.
/// </summary>
public sealed record ApiError : ApiResponse
{
    public string Code { get; set; } = "";

    public string Message { get; set; } = "";

    public List<ApiFieldError> Errors { get; set; } = [];
}

public sealed record ApiFieldError
{
    public string Code { get; set; } = "";

    public string Field { get; set; } = "";

    public string? Value { get; set; }

    public string Message { get; set; } = "";
}
