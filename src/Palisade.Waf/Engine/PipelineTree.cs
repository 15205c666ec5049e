using Palisade.Waf.Transformations;

namespace Palisade.Waf.Engine;

/// <summary>
/// Every transformation pipeline the rules use, with all their prefixes, numbered so that pipeline n is its parent
/// (all steps but the last) plus <see cref="LastStep"/>. CRS's pipelines share long prefixes
/// (t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,…), so a transaction computes each step once per value and
/// prefix, and a value that a step leaves unchanged keeps its parent's string (and prefilter scan). Id 0 is the empty
/// pipeline. Immutable once built.
/// </summary>
internal sealed class PipelineTree
{
    private readonly Dictionary<TransformationPipeline, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly List<int> _parents = [-1];
    private readonly List<Transformation?> _lastSteps = [null];

    public PipelineTree()
    {
        _ids[TransformationPipeline.Empty] = 0;
    }

    public int Count => _parents.Count;

    /// <summary>The id of <paramref name="pipeline"/>, registering it and its prefixes on first sight.</summary>
    public int Add(TransformationPipeline pipeline)
    {
        if (_ids.TryGetValue(pipeline, out var id))
        {
            return id;
        }

        var names = pipeline.Names;
        var parent = Add(TransformationPipeline.Create(names.Take(names.Count - 1)));
        id = _parents.Count;
        _parents.Add(parent);
        _lastSteps.Add(pipeline.Steps[^1]);
        _ids[pipeline] = id;
        return id;
    }

    public int ParentOf(int id) => _parents[id];

    public Transformation LastStep(int id) => _lastSteps[id]!;
}
