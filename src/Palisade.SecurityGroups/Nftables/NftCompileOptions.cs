using System.Text.RegularExpressions;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>How <see cref="NftablesCompiler"/> writes an instance's ruleset.</summary>
public sealed partial record NftCompileOptions
{
    /// <summary>The largest idle timeout accepted, 24 days: conntrack keeps timeouts in 32-bit jiffies.</summary>
    public const int MaxEstablishedTimeoutSeconds = 24 * 24 * 3600;

    /// <summary>The <c>table inet</c> that holds the filter; it is deleted and recreated on every load.</summary>
    public string TableName { get; init; } = "palisade";

    /// <summary>
    /// Entries in one layer at or above which the layer becomes one verdict-map lookup instead of a rule per entry.
    /// A linear rule costs the kernel roughly 10–26 ns per packet and a concatenated interval-map lookup a flat few
    /// hundred ns, so maps pay off from a few dozen entries on; below that, plain rules are also easier to read.
    /// </summary>
    public int SetThreshold { get; init; } = 32;

    /// <summary>
    /// Idle timeout of established TCP connections (the cloud's 910 s). 0 leaves the kernel's default (5 days).
    /// </summary>
    public int EstablishedTimeoutSeconds { get; init; } = 910;

    /// <summary>
    /// The table holding the connection timeout policy. It is kept across reloads (created, never deleted, by the
    /// compiled script) because deleting a <c>ct timeout</c> object resets every live connection that uses it to
    /// the kernel's default timeout.
    /// </summary>
    public string TimeoutTableName => TableName + "_ct";

    /// <summary>Every problem with these options, each naming the option, its value and what is accepted.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TableName is null || !TableNamePattern().IsMatch(TableName))
        {
            errors.Add($"TableName '{TableName}' is not accepted: use 1 to 64 characters, a letter first, then letters, digits or '_'.");
        }

        if (SetThreshold < 1)
        {
            errors.Add($"SetThreshold {SetThreshold} is not accepted: use 1 or more (entries per layer from which a verdict map is used).");
        }

        if (EstablishedTimeoutSeconds is < 0 or > MaxEstablishedTimeoutSeconds)
        {
            errors.Add($"EstablishedTimeoutSeconds {EstablishedTimeoutSeconds} is not accepted: use 1 to {MaxEstablishedTimeoutSeconds} seconds, or 0 for the kernel's default.");
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
