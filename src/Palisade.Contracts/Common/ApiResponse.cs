namespace Palisade.Contracts.Common;

/// <summary>Every response carries the id of its request, as in the cloud API, so logs and reports can be matched.</summary>
public record ApiResponse
{
    public string RequestId { get; set; } = "";
}
