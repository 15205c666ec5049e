using System.Collections.Immutable;
using System.Diagnostics;
using Palisade.Benchmarks.RuleSets;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;

namespace Palisade.Benchmarks.Evaluator;

/// <summary>
/// One benchmark configuration made ready: a generated rule set, its effective ingress entries, both classifiers
/// over those same entries, the full evaluator, and one packet trace they all classify.
/// </summary>
internal sealed class EvaluatorWorkload
{
    private const int Seed = 20051;

    private EvaluatorWorkload(RuleSetStyle style, int ruleCount, int traceLength)
    {
        Style = style;
        RuleCount = ruleCount;
        var policy = ClassBenchRuleSetGenerator.Generate(style, ruleCount, Seed + ruleCount);
        var effective = EffectivePolicyBuilder.Build(policy);
        Entries = effective.Nics[0].Ingress;

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        Ours = new PacketClassifier(Entries);
        BuildTime = stopwatch.Elapsed;
        ManagedBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Linear = new LinearClassifier(Entries);
        Evaluator = new PolicyEvaluator(effective);
        Trace = TraceGenerator.Generate(policy, traceLength, Seed);
    }

    public RuleSetStyle Style { get; }

    public int RuleCount { get; }

    public ImmutableArray<PolicyEntry> Entries { get; }

    public PacketClassifier Ours { get; }

    public LinearClassifier Linear { get; }

    public PolicyEvaluator Evaluator { get; }

    public PacketQuery[] Trace { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Managed heap growth while compiling the classifier, measured around the constructor.</summary>
    public long ManagedBytes { get; }

    public string Name => $"{(Style == RuleSetStyle.Acl ? "acl" : "fw")} {(RuleCount % 1000 == 0 ? $"{RuleCount / 1000}k" : RuleCount.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    public static EvaluatorWorkload Create(RuleSetStyle style, int ruleCount, int traceLength = 1 << 16) => new(style, ruleCount, traceLength);

    public static RuleSetStyle ParseStyle(string text) => text.ToLowerInvariant() switch
    {
        "acl" => RuleSetStyle.Acl,
        "fw" => RuleSetStyle.Firewall,
        _ => throw new ArgumentException($"Rule-set style '{text}' is not known: use acl or fw."),
    };

    /// <summary>
    /// How deep in the list the first match lies on average: what a linear scan pays for. The classifier's trees
    /// do not depend on it, which is why the ratio grows with the list.
    /// </summary>
    public double MeanFirstMatchPosition()
    {
        long total = 0;
        foreach (ref readonly var packet in Trace.AsSpan())
        {
            var index = Ours.FindFirstMatch(packet);
            total += index < 0 ? Entries.Length : index;
        }

        return (double)total / Trace.Length;
    }

    /// <summary>Packets of the trace where the two classifiers disagree; must be zero for the numbers to mean anything.</summary>
    public int CountMismatches()
    {
        var mismatches = 0;
        foreach (ref readonly var packet in Trace.AsSpan())
        {
            if (Ours.FindFirstMatch(packet) != Linear.FindFirstMatch(packet))
            {
                mismatches++;
            }
        }

        return mismatches;
    }
}
