using System.Globalization;

namespace Palisade.Waf.BodyProcessing;

/// <summary>Checks a <see cref="BodyLimits"/>; returns every problem at once, each naming the setting, the value and what is accepted.</summary>
internal static class BodyLimitsValidator
{
    public static IReadOnlyList<string> Validate(BodyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<string>();
        RequirePositive(errors, "SecRequestBodyLimit", limits.RequestBodyLimit);
        RequirePositive(errors, "SecRequestBodyNoFilesLimit", limits.RequestBodyNoFilesLimit);
        RequirePositive(errors, "SecArgumentsLimit", limits.ArgumentsLimit);
        RequirePositive(errors, "SecRequestBodyJsonDepthLimit", limits.JsonDepthLimit);
        RequirePositive(errors, "XmlDepthLimit", limits.XmlDepthLimit);
        RequirePositive(errors, "SecUploadFileLimit", limits.UploadFileLimit);
        RequirePositive(errors, "MultipartPartLimit", limits.MultipartPartLimit);
        if (!Enum.IsDefined(limits.LimitAction))
        {
            errors.Add($"SecRequestBodyLimitAction: '{limits.LimitAction}' is not accepted; expected Reject or ProcessPartial.");
        }

        if (!Enum.IsDefined(limits.TextEncoding))
        {
            errors.Add($"TextEncoding: '{limits.TextEncoding}' is not accepted; expected Latin1Bytes or Utf8.");
        }

        // The separator is compared with single bytes of the body, so it has to be one.
        if (limits.ArgumentSeparator is '\0' or > '\u00FF')
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"SecArgumentSeparator: U+{(int)limits.ArgumentSeparator:X4} is not accepted; expected one character between U+0001 and U+00FF."));
        }

        return errors;
    }

    private static void RequirePositive(List<string> errors, string setting, long value)
    {
        if (value <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{setting}: {value} is not accepted; expected a whole number of at least 1."));
        }
    }
}
