using System.Buffers;
using System.Collections.Concurrent;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// A rule's t: list compiled once: immutable, thread-safe and interned, so two rules with the same list share one
/// instance and the engine can key its per-value cache on the reference. Intermediate results live in pooled
/// buffers; applying it allocates at most the final string, and nothing when no step changes the value.
/// </summary>
public sealed class TransformationPipeline
{
    private static readonly ConcurrentDictionary<string, TransformationPipeline> Interned = new(StringComparer.Ordinal);

    private readonly Transformation[] _steps;

    private TransformationPipeline(Transformation[] steps)
    {
        _steps = steps;
        Names = Array.ConvertAll(steps, s => s.Name);
        Key = string.Join(",", Array.ConvertAll(steps, s => s.CanonicalName));
    }

    public static TransformationPipeline Empty { get; } = Interned.GetOrAdd("", _ => new TransformationPipeline([]));

    /// <summary>The steps in order (never <see cref="TransformationName.None"/>).</summary>
    public IReadOnlyList<TransformationName> Names { get; }

    public IReadOnlyList<Transformation> Steps => _steps;

    public bool IsEmpty => _steps.Length == 0;

    /// <summary>The canonical names joined by commas, e.g. "urlDecodeUni,lowercase"; equal lists have equal keys.</summary>
    public string Key { get; }

    /// <summary>
    /// Builds the pipeline for names in rule order. <see cref="TransformationName.None"/> drops every step before it,
    /// as t:none does for inherited SecDefaultAction transformations.
    /// </summary>
    public static TransformationPipeline Create(IEnumerable<TransformationName> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var steps = new List<Transformation>();
        foreach (var name in names)
        {
            if (name == TransformationName.None)
            {
                steps.Clear();
            }
            else
            {
                steps.Add(Transformation.Get(name));
            }
        }

        if (steps.Count == 0)
        {
            return Empty;
        }

        var candidate = new TransformationPipeline([.. steps]);
        return Interned.GetOrAdd(candidate.Key, candidate);
    }

    public static TransformationPipeline Create(params TransformationName[] names) => Create((IEnumerable<TransformationName>)names);

    /// <summary>Resolves names as written after t: (see <see cref="Transformation.Resolve"/>).</summary>
    public static TransformationPipeline Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var resolved = new List<TransformationName>();
        foreach (var name in names)
        {
            resolved.Add(Transformation.Resolve(name).Name);
        }

        return Create(resolved);
    }

    /// <summary>The value after every step; the same instance when no step changed it.</summary>
    public string Apply(string input)
    {
        TryApply(input, out var output);
        return output;
    }

    /// <summary>Runs every step; returns false (and the same instance) when the value came through unchanged.</summary>
    public bool TryApply(string input, out string output)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_steps.Length == 0)
        {
            output = input;
            return false;
        }

        char[]? front = null;
        char[]? back = null;
        try
        {
            ReadOnlySpan<char> current = input;
            var changed = false;
            foreach (var step in _steps)
            {
                var needed = step.MaxOutputLength(current.Length);
                if (back is null || back.Length < needed)
                {
                    if (back is not null)
                    {
                        ArrayPool<char>.Shared.Return(back);
                    }

                    back = ArrayPool<char>.Shared.Rent(Math.Max(needed, 16));
                }

                if (step.Transform(current, back, out var written))
                {
                    current = back.AsSpan(0, written);
                    (front, back) = (back, front);
                    changed = true;
                }
            }

            output = changed ? new string(current) : input;
            return changed;
        }
        finally
        {
            if (front is not null)
            {
                ArrayPool<char>.Shared.Return(front);
            }

            if (back is not null)
            {
                ArrayPool<char>.Shared.Return(back);
            }
        }
    }

    /// <summary>
    /// For multiMatch: the input, then the value after each step that changed it, in order (ModSecurity evaluates
    /// the operator against each of them).
    /// </summary>
    public IReadOnlyList<string> ApplyStepwise(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = new List<string>(_steps.Length + 1) { input };
        var current = input;
        foreach (var step in _steps)
        {
            if (step.TryApply(current, out var next))
            {
                values.Add(next);
                current = next;
            }
        }

        return values;
    }

    public override string ToString() => _steps.Length == 0 ? "t:none" : string.Join(",", Array.ConvertAll(_steps, s => s.ToString()));
}
