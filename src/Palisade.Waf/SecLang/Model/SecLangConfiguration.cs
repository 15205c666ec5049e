namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// A parsed and validated SecLang configuration: every directive in configuration order (includes expanded), the
/// engine settings, the default actions per phase and the rules as defined. Configuration-time exclusions are kept
/// as items; <see cref="ResolveRulesAndMarkers"/> applies them. Immutable and safe to share between threads.
/// </summary>
public sealed class SecLangConfiguration
{
    internal SecLangConfiguration(
        IReadOnlyList<ConfigurationItem> items,
        EngineSettings settings,
        IReadOnlyDictionary<int, DefaultActionsDefinition> defaultActions,
        IReadOnlyList<string> files)
    {
        Items = items;
        Settings = settings;
        DefaultActions = defaultActions;
        Files = files;
        Rules = items.OfType<RuleDefinition>().ToArray();
    }

    /// <summary>Every directive, in order, except Include (whose files' directives appear in its place).</summary>
    public IReadOnlyList<ConfigurationItem> Items { get; }

    public EngineSettings Settings { get; }

    /// <summary>SecDefaultAction by phase (1–5).</summary>
    public IReadOnlyDictionary<int, DefaultActionsDefinition> DefaultActions { get; }

    /// <summary>Rules as defined (chain starters with their sub-rules), before any SecRuleRemove*/SecRuleUpdate*.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>The files read, in the order they were first opened.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// The rules and markers the engine runs, in configuration order, with every SecRuleRemoveBy*,
    /// SecRuleUpdateTargetBy* and SecRuleUpdateActionById applied as ModSecurity applies them at configuration time:
    /// each one affects only the rules defined before it.
    /// </summary>
    public IReadOnlyList<ConfigurationItem> ResolveRulesAndMarkers() => ConfigurationTimeExclusions.Apply(Items);
}
