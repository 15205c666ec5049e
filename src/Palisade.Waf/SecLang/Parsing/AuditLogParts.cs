namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Audit log part letters (ModSecurity reference manual, SecAuditLogParts): A–K and Z.</summary>
internal static class AuditLogParts
{
    public static bool IsValid(string value, bool allowSign)
    {
        var letters = allowSign && value.Length > 0 && value[0] is '+' or '-' ? value.AsSpan(1) : value.AsSpan();
        if (letters.IsEmpty)
        {
            return false;
        }

        foreach (var letter in letters)
        {
            if (letter is not ((>= 'A' and <= 'K') or 'Z'))
            {
                return false;
            }
        }

        return true;
    }
}
