using System.Globalization;
using Palisade.Core;

namespace Palisade.Server.Application;

/// <summary>Checks of the fields many actions share; each failure names the field, the value and what is accepted.</summary>
internal static class RequestFields
{
    public const string DefaultRegionId = "local";
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 512;
    public const int MaxIdsPerRequest = 100;

    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>The region a request names, "local" when it names none.</summary>
    public static string RegionOrDefault(string? regionId) => IsBlank(regionId) ? DefaultRegionId : regionId!.Trim();

    public static string Required(string? value, string field, string accepted)
    {
        if (IsBlank(value))
        {
            throw new ValidationException(ErrorCodes.MissingParameter, field, value, $"{field} is required: {accepted}.");
        }

        return value!.Trim();
    }

    /// <summary>A resource id of the given kind; a malformed id cannot exist, so it is reported as not found.</summary>
    public static string RequiredId(string? value, string field, string prefix, string notFoundCode)
    {
        var id = Required(value, field, $"give an id of the form {prefix}…");
        if (!ResourceIds.IsWellFormed(id, prefix))
        {
            throw new ValidationException(notFoundCode, field, value, $"{field} '{Shorten(value)}' does not exist: ids have the form {prefix}… (letters and digits).");
        }

        return id;
    }

    public static IReadOnlyList<string> IdList(List<string>? values, string field)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxIdsPerRequest)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, field, values.Count.ToString(CultureInfo.InvariantCulture),
                $"{field} lists {values.Count} ids: give at most {MaxIdsPerRequest}.");
        }

        return [.. values.Where(v => !IsBlank(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>An optional display name: at most 128 characters, no control characters, not a URL.</summary>
    public static string Name(string? value, string field, string code, string fallback = "")
    {
        if (value is null)
        {
            return fallback;
        }

        var name = value.Trim();
        if (name.Length > MaxNameLength || name.Any(char.IsControl)
            || name.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException(code, field, Shorten(value),
                $"{field} is not accepted: use at most {MaxNameLength} characters, without control characters, not starting with http:// or https:// (it has {name.Length}).");
        }

        return name;
    }

    public static string Description(string? value, string field = "Description", string fallback = "")
    {
        if (value is null)
        {
            return fallback;
        }

        if (value.Length > MaxDescriptionLength || value.Any(char.IsControl))
        {
            throw new ValidationException(ErrorCodes.DescriptionMalformed, field, Shorten(value),
                $"{field} is not accepted: use at most {MaxDescriptionLength} characters without control characters (it has {value.Length}).");
        }

        return value;
    }

    public static int PositiveInt(string? value, string field, int fallback, int max)
    {
        if (IsBlank(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > max)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, field, Shorten(value),
                $"{field} '{Shorten(value)}' is not accepted: use a whole number from 1 to {max}.");
        }

        return number;
    }

    public static void Throw(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    public static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..61] + "...";
}
