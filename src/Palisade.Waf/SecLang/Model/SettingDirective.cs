namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// An engine setting directive (SecRuleEngine, SecRequestBodyLimit, SecAuditLog, …) as written; its validated value
/// is in <see cref="EngineSettings"/>.
/// </summary>
public sealed class SettingDirective : ConfigurationItem
{
    public SettingDirective(string name, IReadOnlyList<string> arguments, SourceLocation location)
        : base(location)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The canonical directive name, e.g. "SecRequestBodyLimit".</summary>
    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    public override string ToString() => $"{Name} {string.Join(' ', Arguments)}";
}
