namespace Palisade.Core.Tests;

public sealed class ValidationExceptionTests
{
    [Fact]
    public void Constructor_SeveralErrors_KeepsAllAndLeadsWithTheFirstCode()
    {
        var errors = new[]
        {
            new ValidationError(ErrorCodes.PriorityMalformed, "Priority", "0", "Priority '0' is not accepted."),
            new ValidationError(ErrorCodes.PolicyMalformed, "Policy", "x", "Policy 'x' is not accepted."),
        };

        var exception = new ValidationException(errors);

        Assert.Equal(ErrorCodes.PriorityMalformed, exception.Code);
        Assert.Equal(errors, exception.Errors);
        Assert.Equal("Priority '0' is not accepted. Policy 'x' is not accepted.", exception.Message);
    }

    [Fact]
    public void Constructor_NoErrors_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ValidationException([]));
    }

    [Fact]
    public void Constructor_SingleError_CarriesCodeFieldAndValue()
    {
        var exception = new ValidationException(ErrorCodes.SourceCidrIpMalformed, "SourceCidrIp", "1.2.3", "SourceCidrIp '1.2.3' is not accepted.");

        var error = Assert.Single(exception.Errors);
        Assert.Equal((ErrorCodes.SourceCidrIpMalformed, "SourceCidrIp", "1.2.3"), (error.Code, error.Field, error.Value));
        Assert.Equal($"{ErrorCodes.SourceCidrIpMalformed}: SourceCidrIp '1.2.3' is not accepted.", error.ToString());
    }

    [Fact]
    public void Constructor_MessageOnly_IsParameterMalformed()
    {
        Assert.Equal(ErrorCodes.ParameterMalformed, new ValidationException("bad").Code);
        Assert.Equal(ErrorCodes.ParameterMalformed, new ValidationException().Code);
        Assert.Equal(ErrorCodes.ParameterMalformed, new ValidationException("bad", new InvalidOperationException()).Code);
    }

    [Fact]
    public void ErrorCodes_ParameterConflictKeepsTheCloudSpelling()
    {
        Assert.Equal("InvalidParamter.Conflict", ErrorCodes.ParameterConflict);
    }
}
