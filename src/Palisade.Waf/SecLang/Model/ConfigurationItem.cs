namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// One directive of a configuration, in configuration order: a rule (with its chain), a marker, a default action
/// list, a configuration-time exclusion, or an engine setting.
/// </summary>
public abstract class ConfigurationItem
{
    private protected ConfigurationItem(SourceLocation location)
    {
        Location = location;
    }

    /// <summary>Where the directive starts.</summary>
    public SourceLocation Location { get; }
}
