using Palisade.Waf.BodyProcessing;
using Palisade.Waf.Detection;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// A compiled rule set: every rule's operator, targets and transformations prepared once and laid out per phase.
/// Immutable and thread-safe: build it once and run any number of <see cref="WafTransaction"/>s at the same time.
/// </summary>
public sealed class WafEngine
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<RuleFilter, RuleFilterAnswers> _filterAnswers = [];
    private readonly string _uniqueIdPrefix;
    private static readonly int MaxPooledScratch = Environment.ProcessorCount * 4;
    private readonly System.Collections.Concurrent.ConcurrentQueue<TransactionScratch> _scratch = new();
    private int _pooledScratch;
    private long _transactionCounter;

    private WafEngine(SecLangConfiguration configuration, WafEngineOptions options)
    {
        Configuration = configuration;
        Options = options;
        var settings = configuration.Settings;
        Mode = settings.RuleEngine ?? RuleEngineMode.On;
        BodyLimits = BodyLimits.From(settings);
        RequestBodyAccess = settings.RequestBodyAccess ?? false;
        ResponseBodyAccess = settings.ResponseBodyAccess ?? false;
        ResponseBodyLimit = settings.ResponseBodyLimit ?? 524_288;
        ResponseBodyLimitAction = settings.ResponseBodyLimitAction ?? BodyLimitAction.ProcessPartial;
        ResponseBodyMimeTypes = settings.ResponseBodyMimeTypes ?? ["text/plain", "text/html"];
        ComponentSignatures = settings.ComponentSignatures;

        var operators = new OperatorFactory(PhysicalRuleFileSystem.Instance, new OperatorFactoryOptions
        {
            SqlInjectionDetector = SqlInjectionOperatorDetector.Instance,
            XssDetector = XssOperatorDetector.Instance,
            CompileRegexesEagerly = options.WarmRegexes,
        });
        var errors = new List<SecLangError>();
        var count = 0;
        Phases = PhasePlan.Build(configuration.ResolveRulesAndMarkers(), rule =>
        {
            count++;
            return CompileChain(rule, 0, configuration, operators, errors);
        });
        if (errors.Count > 0)
        {
            throw new WafConfigurationException(errors);
        }

        RuleCount = count;
        Prefilter = IndexLinks(Phases, Pipelines);
        _uniqueIdPrefix = System.Security.Cryptography.RandomNumberGenerator.GetHexString(8, lowercase: true);
        AuditRelevantStatus = settings.AuditLogRelevantStatus is { Length: > 0 } relevant
            ? new System.Text.RegularExpressions.Regex(relevant, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100))
            : null;
    }

    /// <summary>Chain starters (a chain counts once) the engine runs.</summary>
    public int RuleCount { get; }

    /// <summary>SecRuleEngine; On when the configuration does not say.</summary>
    public RuleEngineMode Mode { get; }

    public SecLangConfiguration Configuration { get; }

    internal WafEngineOptions Options { get; }

    internal PhasePlan[] Phases { get; }

    internal BodyLimits BodyLimits { get; }

    /// <summary>The literal scan that lets most values skip most regexes; null when no rule qualifies.</summary>
    internal LiteralPrefilter? Prefilter { get; }

    /// <summary>The rules' transformation pipelines and their prefixes.</summary>
    internal PipelineTree Pipelines { get; } = new();

    internal bool RequestBodyAccess { get; }

    internal bool ResponseBodyAccess { get; }

    internal long ResponseBodyLimit { get; }

    internal BodyLimitAction ResponseBodyLimitAction { get; }

    internal IReadOnlyList<string> ResponseBodyMimeTypes { get; }

    internal IReadOnlyList<string> ComponentSignatures { get; }

    /// <summary>SecAuditLogRelevantStatus: response statuses that make a transaction worth auditing in RelevantOnly mode.</summary>
    internal System.Text.RegularExpressions.Regex? AuditRelevantStatus { get; }

    /// <summary>Parses <paramref name="mainFile"/> with its includes and compiles it.</summary>
    /// <exception cref="WafConfigurationException">Any parse or compile error; the message lists them all.</exception>
    public static WafEngine LoadFile(string mainFile, WafEngineOptions? options = null) => LoadFiles([mainFile], options);

    /// <summary>Several files read in order as one configuration (base config, setup, rules, extras).</summary>
    /// <exception cref="WafConfigurationException">Any parse or compile error; the message lists them all.</exception>
    public static WafEngine LoadFiles(IEnumerable<string> files, WafEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            text.Append("Include \"").Append(Path.GetFullPath(file).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }

        return LoadText(text.ToString(), options, Directory.GetCurrentDirectory());
    }

    /// <summary>Rules given as text; relative Include and data file paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="WafConfigurationException">Any parse or compile error; the message lists them all.</exception>
    public static WafEngine LoadText(string text, WafEngineOptions? options = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = Path.Combine(Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()), "inline.conf");
        var parsed = new SecLangParser().ParseText(text, path);
        if (!parsed.Succeeded)
        {
            throw new WafConfigurationException(parsed.Errors);
        }

        return Create(parsed.Configuration!, options);
    }

    /// <exception cref="WafConfigurationException">An operator argument that does not compile (e.g. a bad regex).</exception>
    public static WafEngine Create(SecLangConfiguration configuration, WafEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new WafEngine(configuration, options ?? new WafEngineOptions());
    }

    /// <summary>The shared per-rule answers of a run-time rule filter.</summary>
    internal RuleFilterAnswers AnswersOf(RuleFilter filter)
    {
        if (!_filterAnswers.TryGetValue(filter, out var answers))
        {
            answers = _filterAnswers.GetValue(filter, f => new RuleFilterAnswers(f, RuleCount));
        }

        return answers;
    }

    internal TransactionScratch RentScratch()
    {
        if (_scratch.TryDequeue(out var scratch))
        {
            Interlocked.Decrement(ref _pooledScratch);
            return scratch;
        }

        return new TransactionScratch();
    }

    internal void ReturnScratch(TransactionScratch scratch)
    {
        if (!scratch.IsWorthKeeping)
        {
            return;
        }

        if (Interlocked.Increment(ref _pooledScratch) > MaxPooledScratch)
        {
            Interlocked.Decrement(ref _pooledScratch);
            return;
        }

        scratch.Clear();
        _scratch.Enqueue(scratch);
    }

    /// <summary>Starts a transaction; <paramref name="uniqueId"/> becomes UNIQUE_ID (a fresh one when null).</summary>
    public WafTransaction BeginTransaction(string? uniqueId = null) =>
        new(this, uniqueId ?? NewUniqueId());

    private string NewUniqueId()
    {
        // A random prefix per engine keeps ids of engines started at the same moment (or restarted) apart.
        var value = (ulong)Interlocked.Increment(ref _transactionCounter);
        return _uniqueIdPrefix + value.ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Numbers what transactions index by: rule ordinals, pipelines (into <paramref name="pipelines"/>), phase-fixed
    /// target lists and prefilter bits; returns the literal prefilter over every qualifying operator.
    /// </summary>
    private static LiteralPrefilter? IndexLinks(PhasePlan[] phases, PipelineTree pipelines)
    {
        var literals = new List<IReadOnlyCollection<string>>();
        var ordinal = 0;
        var targetSets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var plan in phases)
        {
            foreach (var rule in plan.Rules)
            {
                if (rule is not null)
                {
                    rule.Ordinal = ordinal++;
                }

                for (var link = rule; link is not null; link = link.Next)
                {
                    link.PipelineId = pipelines.Add(link.Pipeline);
                    if (link.Operator is not null && link.Definition.Variables.All(v => VariableStability.IsFixedWithinPhase(v.Name)))
                    {
                        var signature = string.Join('|', link.Definition.Variables);
                        if (!targetSets.TryGetValue(signature, out var setId))
                        {
                            setId = targetSets.Count;
                            targetSets[signature] = setId;
                        }

                        link.TargetSetId = setId;
                    }

                    if (RequiredLiterals(link) is { Count: > 0 } required)
                    {
                        link.PrefilterIndex = literals.Count;
                        literals.Add(required);
                    }
                }
            }
        }

        return literals.Count == 0 ? null : new LiteralPrefilter(literals);
    }

    /// <summary>
    /// Literals one of which must occur for the link's operator to match: derived from an @rx pattern, or, for @pm and
    /// @pmFromFile, the phrases themselves (then the scan answers exactly; the operator runs only to capture).
    /// </summary>
    private static IReadOnlyCollection<string>? RequiredLiterals(CompiledRule link)
    {
        switch (link.Operator)
        {
            case { Name: OperatorName.Rx, HasMacros: false }:
                return RegexLiteralAnalyzer.RequiredLiterals(link.Definition.Operator!.Argument);
            case { Compiled: PhraseMatchOperator phrases }:
                var folded = new HashSet<string>(StringComparer.Ordinal);
                foreach (var phrase in phrases.Automaton.Phrases)
                {
                    // The automaton ignores empty phrases and phrases beyond one byte per char, so the filter does too.
                    if (phrase.Length > 0 && !phrase.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF'))
                    {
                        folded.Add(RegexLiteralAnalyzer.Fold(phrase));
                    }
                }

                return folded;
            default:
                return null;
        }
    }

    private static CompiledRule CompileChain(RuleDefinition rule, int link, SecLangConfiguration configuration, OperatorFactory operators, List<SecLangError> errors)
    {
        var starter = link == 0 ? rule : rule.ChainedRules[link - 1];
        var next = link < rule.ChainedRules.Count ? CompileChain(rule, link + 1, configuration, operators, errors) : null;
        configuration.DefaultActions.TryGetValue(rule.Phase, out var defaults);
        try
        {
            return new CompiledRule(starter, defaults, operators, next);
        }
        catch (Exception exception) when (exception is OperatorCompilationException or ArgumentException or FormatException)
        {
            // Reported with every other error once the whole configuration has been compiled; the engine is never built.
            errors.Add(new SecLangError(starter.Operator?.Location ?? starter.Location, exception.Message));
            return null!;
        }
    }
}
