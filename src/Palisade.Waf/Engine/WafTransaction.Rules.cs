using System.Globalization;
using System.Runtime.CompilerServices;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

// Running the rules of a phase: targets, transformations, operator, chain, actions, flow and disruption.
public sealed partial class WafTransaction
{
    private static readonly ConditionalWeakTable<ControlAction, CompiledTarget[]> CompiledControlTargets = [];

    // CRS's initialisation alone matches ~90 rules per request.
    private readonly List<WafMatchedRule> _matchedRules = new(128);
    private readonly List<TargetValue> _values;
    private readonly OperatorCaptures _captures;
    private readonly List<TransformedValue> _cache;
    private readonly List<ulong> _prefilterBits;
    private List<RuleFilterAnswers>? _removedRules;
    private bool _auditRelevant;
    private List<(RuleFilterAnswers Filter, CompiledTarget[] Targets)>? _removedTargets;
    private List<CompiledTarget[]>? _activeTargetRemovals;

    private void RunPhase(int phase)
    {
        if (_mode == RuleEngineMode.Off)
        {
            return;
        }

        var rules = _engine.Phases[phase].Rules;
        var skip = 0;
        for (var index = 0; index < rules.Length; index++)
        {
            if (rules[index] is not { } rule)
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (IsRemoved(rule))
            {
                continue;
            }

            if (!EvaluateChain(rule))
            {
                continue;
            }

            var outcome = OnChainMatched(rule, phase);
            if (outcome == Flow.StopPhase)
            {
                return;
            }

            if (rule.Definition.SkipAfter is not null)
            {
                index = rule.SkipAfterIndex - 1;
            }
            else if (rule.Definition.Skip > 0)
            {
                skip = rule.Definition.Skip;
            }
        }
    }

    private bool IsRemoved(CompiledRule rule)
    {
        if (_removedRules is null)
        {
            return false;
        }

        foreach (var answers in _removedRules)
        {
            if (answers.Selects(rule))
            {
                return true;
            }
        }

        return false;
    }

    private bool EvaluateChain(CompiledRule starter)
    {
        _currentRule = starter;
        _matchedVars.Clear();
        PrepareTargetRemovals(starter);
        for (var link = starter; link is not null; link = link.Next)
        {
            if (!EvaluateLink(link, starter))
            {
                return false;
            }
        }

        return true;
    }

    private void PrepareTargetRemovals(CompiledRule starter)
    {
        _activeTargetRemovals?.Clear();
        if (_removedTargets is null)
        {
            return;
        }

        foreach (var (filter, targets) in _removedTargets)
        {
            if (filter.Selects(starter))
            {
                (_activeTargetRemovals ??= []).Add(targets);
            }
        }
    }

    private bool EvaluateLink(CompiledRule link, CompiledRule starter)
    {
        if (link.Operator is not { } prepared)
        {
            RunEffects(link);
            return true;
        }

        CompiledOperator compiled;
        try
        {
            compiled = prepared.Compiled ?? prepared.Bind(Expand(prepared.Argument, starter));
        }
        catch (OperatorCompilationException)
        {
            return false;
        }

        var values = link.TargetSetId >= 0 && _activeTargetRemovals is not { Count: > 0 }
            ? PhaseFixedTargets(link, starter)
            : CollectTargets(link, starter);
        var matched = false;
        var captureWanted = link.Definition.Capture && !link.IsNegated && compiled.ProducesCaptures;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (link.Definition.MultiMatch && value.Slot >= 0)
            {
                matched |= EvaluateMultiMatch(compiled, link, value, captureWanted);
                continue;
            }

            if (link.Definition.MultiMatch)
            {
                foreach (var candidate in link.Pipeline.ApplyStepwise(value.Value))
                {
                    matched |= TestValue(compiled, link, value, candidate, captureWanted, -1);
                }

                continue;
            }

            var cacheIndex = value.Slot < 0 ? -1 : CacheIndexOf(value.Slot, value.Value, link.PipelineId);
            var transformed = cacheIndex < 0 ? link.Pipeline.Apply(value.Value) : _cache[cacheIndex].Transformed;
            matched |= TestValue(compiled, link, value, transformed, captureWanted, cacheIndex);
        }

        return matched;
    }

    /// <summary>
    /// Runs the operator on one (transformed) value; on a match records it and runs the link's setvar/ctl, once per
    /// matched value with that value's captures, as libmodsecurity 3 does — CRS relies on it, e.g. rule 920450 records
    /// every restricted header name it captured.
    /// </summary>
    private bool TestValue(CompiledOperator compiled, CompiledRule link, TargetValue value, string transformed, bool captureWanted, int cacheIndex)
    {
        if (!Test(compiled, link, transformed, captureWanted, cacheIndex))
        {
            return false;
        }

        RecordMatch(value, transformed, captureWanted);
        RunEffects(link);
        return true;
    }

    private ReadOnlySpan<TargetValue> CollectTargets(CompiledRule link, CompiledRule starter)
    {
        _values.Clear();
        CollectInto(_values, link, starter);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values);
    }

    /// <summary>Appends the values of the link's targets, minus its exclusions and the ctl-removed targets.</summary>
    private void CollectInto(List<TargetValue> values, CompiledRule link, CompiledRule starter)
    {
        foreach (var target in link.Targets)
        {
            var start = values.Count;
            Collect(target, starter, values);
            if (link.Exclusions.Length > 0 || _activeTargetRemovals is { Count: > 0 })
            {
                RemoveExcluded(values, start, link);
            }
        }
    }

    /// <summary>
    /// The values of a phase-fixed target list (exclusions applied), collected by the first rule of the phase that
    /// uses the list: CRS points a hundred rules at the same REQUEST_COOKIES|…|ARGS|XML:/* list. The span stays valid
    /// while the link runs (nothing is added to the buffer meanwhile).
    /// </summary>
    private ReadOnlySpan<TargetValue> PhaseFixedTargets(CompiledRule link, CompiledRule starter)
    {
        var sets = _scratch.TargetSets;
        while (sets.Count <= link.TargetSetId)
        {
            sets.Add(default);
        }

        var buffer = _scratch.TargetBuffer;
        var entry = sets[link.TargetSetId];
        if (entry.Phase != _phasesRun)
        {
            var start = buffer.Count;
            CollectInto(buffer, link, starter);
            entry = (_phasesRun, start, buffer.Count - start);
            sets[link.TargetSetId] = entry;
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer).Slice(entry.Start, entry.Count);
    }

    /// <summary>
    /// multiMatch over a stable value: the operator sees the value and its form after every step that changed it —
    /// exactly the owner entries along the pipeline's prefixes, which the cache already holds with their scans.
    /// </summary>
    private bool EvaluateMultiMatch(CompiledOperator compiled, CompiledRule link, TargetValue value, bool captureWanted)
    {
        var pipelines = _engine.Pipelines;
        Span<int> prefixes = stackalloc int[64];
        var depth = 0;
        for (var id = link.PipelineId; depth < prefixes.Length; id = pipelines.ParentOf(id))
        {
            prefixes[depth++] = id;
            if (id == 0)
            {
                break;
            }
        }

        var matched = false;
        for (var i = depth - 1; i >= 0; i--)
        {
            var index = CacheIndexOf(value.Slot, value.Value, prefixes[i]);
            var entry = _cache[index];
            if (prefixes[i] == 0 || entry.SameAs < 0)
            {
                matched |= TestValue(compiled, link, value, entry.Transformed, captureWanted, index);
            }
        }

        return matched;
    }

    private bool Test(CompiledOperator compiled, CompiledRule link, string input, bool captureWanted, int cacheIndex)
    {
        var hit = (link.PrefilterIndex < 0 || MayMatch(input, cacheIndex, link.PrefilterIndex))
            && (captureWanted ? compiled.IsMatch(input, _captures) : compiled.IsMatch(input.AsSpan()));
        return hit != link.IsNegated;
    }

    /// <summary>
    /// Whether the regex of prefiltered link <paramref name="index"/> could match <paramref name="value"/>. For a value
    /// with a cache entry one scan answers for every rule and is kept; other values are scanned on the spot.
    /// </summary>
    private bool MayMatch(string value, int cacheIndex, int index)
    {
        var prefilter = _engine.Prefilter!;
        if (cacheIndex < 0)
        {
            Span<ulong> bits = stackalloc ulong[prefilter.Words];
            bits.Clear();
            prefilter.Scan(value, bits);
            return (bits[index >> 6] & (1UL << (index & 63))) != 0;
        }

        if (_cache[cacheIndex].SameAs is var owner and >= 0)
        {
            cacheIndex = owner;
        }

        var entry = _cache[cacheIndex];
        if (entry.PrefilterOffset < 0)
        {
            var offset = _prefilterBits.Count;
            for (var i = 0; i < prefilter.Words; i++)
            {
                _prefilterBits.Add(0);
            }

            prefilter.Scan(value, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_prefilterBits).Slice(offset, prefilter.Words));
            entry = entry with { PrefilterOffset = offset };
            _cache[cacheIndex] = entry;
        }

        return (_prefilterBits[entry.PrefilterOffset + (index >> 6)] & (1UL << (index & 63))) != 0;
    }

    /// <summary>
    /// The cache entry of a stable value under a pipeline, computed on first use from its parent pipeline's entry: each
    /// transformation step runs once per distinct text and pipeline prefix in a transaction.
    /// </summary>
    private int CacheIndexOf(int slot, string original, int pipelineId)
    {
        var row = _scratch.RowOf(slot, _engine.Pipelines.Count);
        if (row[pipelineId] is var known and > 0)
        {
            return known - 1;
        }

        TransformedValue entry;
        if (pipelineId == 0)
        {
            entry = new TransformedValue(original, -1);
        }
        else
        {
            var pipelines = _engine.Pipelines;
            var parentIndex = CacheIndexOf(slot, original, pipelines.ParentOf(pipelineId));
            var parent = _cache[parentIndex];
            entry = pipelines.LastStep(pipelineId).TryApply(parent.Transformed, out var next)
                ? new TransformedValue(next, -1)
                : new TransformedValue(parent.Transformed, -1, parent.SameAs >= 0 ? parent.SameAs : parentIndex);
        }

        var index = _cache.Count;
        _cache.Add(entry);
        row[pipelineId] = index + 1;
        return index;
    }

    private void RecordMatch(TargetValue value, string transformed, bool captured)
    {
        var matched = value with { Value = transformed };
        _matchedVar = matched;
        _matchedVars.Add(matched);
        if (captured && !_captures.IsEmpty)
        {
            for (var slot = 0; slot < OperatorCaptures.MaxCount; slot++)
            {
                if (_captures.GetString(slot) is { } capture)
                {
                    _tx[CaptureKeys[slot]] = capture;
                }
            }
        }
    }

    private static readonly string[] CaptureKeys = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Drops the excluded values from <paramref name="start"/> on, in one pass that keeps the order.</summary>
    private void RemoveExcluded(List<TargetValue> values, int start, CompiledRule link)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        var kept = start;
        for (var i = start; i < span.Length; i++)
        {
            var value = span[i];
            if (!IsExcluded(value, link.Exclusions) && !IsRemovedTarget(value))
            {
                span[kept++] = value;
            }
        }

        values.RemoveRange(kept, values.Count - kept);
    }

    private bool IsRemovedTarget(TargetValue value)
    {
        if (_activeTargetRemovals is not { Count: > 0 } removals)
        {
            return false;
        }

        foreach (var targets in removals)
        {
            if (IsExcluded(value, targets))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExcluded(TargetValue value, ReadOnlySpan<CompiledTarget> exclusions)
    {
        foreach (var exclusion in exclusions)
        {
            if (exclusion.Covers(value.Variable, value.Key))
            {
                return true;
            }
        }

        return false;
    }

    private void RunEffects(CompiledRule link)
    {
        foreach (var action in link.Effects)
        {
            switch (action.Name)
            {
                case ActionName.SetVar or ActionName.SetEnv:
                    SetVariable(action.Assignment!, link);
                    break;
                case ActionName.InitCol:
                    WritableCollection(action.Assignment!.Collection);
                    break;
                case ActionName.SetSid:
                    WritableCollection(VariableName.Session)["__palisade_id"] = Expand(action.Text!, link);
                    break;
                case ActionName.SetUid:
                    WritableCollection(VariableName.User)["__palisade_id"] = Expand(action.Text!, link);
                    break;
                case ActionName.SetRsc:
                    WritableCollection(VariableName.Resource)["__palisade_id"] = Expand(action.Text!, link);
                    break;
                case ActionName.Ctl:
                    ApplyControl(action.Control!);
                    break;
                default:
                    break;
            }
        }
    }

    private void SetVariable(CollectionAssignment assignment, CompiledRule link)
    {
        var collection = WritableCollection(assignment.Collection);
        var key = Expand(assignment.Key, link);
        switch (assignment.Mode)
        {
            case AssignmentMode.Delete:
                collection.Remove(key);
                break;
            case AssignmentMode.SetToOne:
                collection[key] = "1";
                break;
            case AssignmentMode.Set:
                collection[key] = Expand(assignment.Value, link);
                break;
            default:
                var current = ParseLeadingInteger(collection.GetValueOrDefault(key));
                var operand = ParseLeadingInteger(Expand(assignment.Value, link));
                var result = assignment.Mode == AssignmentMode.Add ? current + operand : current - operand;
                collection[key] = result.ToString(CultureInfo.InvariantCulture);
                break;
        }
    }

    /// <summary>ModSecurity's setvar arithmetic reads the leading integer of a value (atoi); anything else is 0.</summary>
    private static long ParseLeadingInteger(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var span = text.AsSpan().Trim();
        var length = 0;
        if (length < span.Length && (span[0] == '-' || span[0] == '+'))
        {
            length++;
        }

        while (length < span.Length && char.IsAsciiDigit(span[length]) && length < 18)
        {
            length++;
        }

        return long.TryParse(span[..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private void ApplyControl(ControlAction control)
    {
        switch (control.Kind)
        {
            case ControlKind.RuleEngine when control.RuleEngine is { } mode:
                _mode = mode;
                break;
            case ControlKind.RuleRemoveById or ControlKind.RuleRemoveByTag or ControlKind.RuleRemoveByMsg when control.Filter is { } filter:
                (_removedRules ??= []).Add(_engine.AnswersOf(filter));
                break;
            case ControlKind.RuleRemoveTargetById or ControlKind.RuleRemoveTargetByTag or ControlKind.RuleRemoveTargetByMsg when control.Filter is { } filter:
                var targets = CompiledControlTargets.GetValue(control, static c => c.Targets.Select(CompiledTarget.Compile).ToArray());
                (_removedTargets ??= []).Add((_engine.AnswersOf(filter), targets));
                break;
            case ControlKind.RequestBodyProcessor when control.BodyProcessor is { } name:
                if (BodyProcessorNames.TryParse(name, out var kind))
                {
                    _forcedBodyProcessor = kind;
                }

                break;
            case ControlKind.RequestBodyAccess when control.Enabled is { } enabled:
                _requestBodyAccess = enabled;
                break;
            case ControlKind.ResponseBodyAccess when control.Enabled is { } enabled:
                _responseBodyAccess = enabled;
                break;
            case ControlKind.RequestBodyLimit when control.Limit is { } limit:
                _requestBodyLimit = limit;
                break;
            case ControlKind.ResponseBodyLimit when control.Limit is { } limit:
                _responseBodyLimit = limit;
                break;
            case ControlKind.AuditEngine when control.AuditEngine is { } audit:
                _auditEngine = audit;
                break;
            default:
                break;
        }
    }

    /// <summary>After every link matched: logs, records, and applies the disruptive action and flow.</summary>
    private Flow OnChainMatched(CompiledRule rule, int phase)
    {
        var definition = rule.Definition;
        var message = definition.Message is { } msg ? Expand(msg, rule) : null;
        var data = definition.LogData is { } logData ? Expand(logData, rule) : null;
        if (definition.Severity is { } severity && severity < _highestSeverity)
        {
            _highestSeverity = severity;
        }

        var disruptive = rule.Disruptive;
        var interrupts = _mode == RuleEngineMode.On && disruptive is DisruptiveAction.Deny or DisruptiveAction.Drop or DisruptiveAction.Redirect;
        var line = "";
        if (rule.Logs && rule.Id is not null)
        {
            line = ErrorLogLine.Format(this, rule, phase, message, data, interrupts);
            _engine.Options.Log?.WriteError(this, line);
        }

        _auditRelevant |= rule.AuditLogs;
        _matchedRules.Add(new WafMatchedRule(rule.Id, phase, message, data, definition.Severity, definition.Tags, line));
        if (_mode != RuleEngineMode.On)
        {
            return Flow.Continue;
        }

        switch (disruptive)
        {
            case DisruptiveAction.Deny or DisruptiveAction.Drop:
                Intervention = new WafIntervention(rule.Status, disruptive, rule.Id, null, message);
                return Flow.StopPhase;
            case DisruptiveAction.Redirect:
                var url = rule.RedirectUrl is { } redirect ? Expand(redirect, rule) : null;
                // Reference manual, redirect: status is used when it is 301, 302, 303 or 307; otherwise 302.
                var status = rule.Definition.Status is 301 or 302 or 303 or 307 ? rule.Definition.Status.Value : 302;
                Intervention = new WafIntervention(status, disruptive, rule.Id, url, message);
                return Flow.StopPhase;
            case DisruptiveAction.Allow:
                switch (definition.AllowScope ?? AllowScope.Transaction)
                {
                    case AllowScope.Phase:
                        break;
                    case AllowScope.Request:
                        _allowRequestPhases = true;
                        break;
                    default:
                        _allowRemainingPhases = true;
                        break;
                }

                return Flow.StopPhase;
            default:
                return Flow.Continue;
        }
    }

    // Read by ErrorLogLine and the audit record.
    internal TargetValue? MatchedVariable => _matchedVar;

    /// <summary>libmodsecurity 3's [uri]: the decoded path without the query string.</summary>
    internal string? RequestPathForLog => _requestFilename;

    internal string HostNameForLog => _serverName;

    private enum Flow
    {
        Continue,
        StopPhase,
    }

}
