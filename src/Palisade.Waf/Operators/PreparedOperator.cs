using System.Collections.Concurrent;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>
/// A rule's operator, ready to run: compiled once when its argument is constant, or — when the argument holds
/// %{…} macros, such as @within %{tx.allowed_methods} — compiled per expanded value by <see cref="Bind"/>, with the
/// recent values kept compiled so a setting that is the same on every transaction costs one dictionary lookup.
/// </summary>
public sealed class PreparedOperator
{
    private readonly Func<string, CompiledOperator>? _compileExpanded;
    private readonly ConcurrentDictionary<string, CompiledOperator>? _bound;
    private readonly int _cacheSize;

    internal PreparedOperator(OperatorName name, MacroString argument, CompiledOperator compiled)
    {
        Name = name;
        Argument = argument;
        Compiled = compiled;
    }

    internal PreparedOperator(OperatorName name, MacroString argument, Func<string, CompiledOperator> compileExpanded, int cacheSize)
    {
        Name = name;
        Argument = argument;
        _compileExpanded = compileExpanded;
        _bound = new ConcurrentDictionary<string, CompiledOperator>(StringComparer.Ordinal);
        _cacheSize = cacheSize;
    }

    public OperatorName Name { get; }

    /// <summary>The argument as parsed; when <see cref="HasMacros"/>, the engine expands it and calls <see cref="Bind"/>.</summary>
    public MacroString Argument { get; }

    public bool HasMacros => Compiled is null;

    /// <summary>The compiled operator when the argument is constant; null when it must be bound at run time.</summary>
    public CompiledOperator? Compiled { get; }

    /// <summary>
    /// The operator for an expanded argument (a byte string: TX values are, and rule text literals should be turned
    /// into one with <see cref="Transformations.ByteText.FromRuleText"/>). Thread-safe.
    /// </summary>
    /// <exception cref="OperatorCompilationException">The expanded value is not a valid argument (e.g. a bad regex).</exception>
    public CompiledOperator Bind(string expandedArgument)
    {
        ArgumentNullException.ThrowIfNull(expandedArgument);
        if (Compiled is not null)
        {
            return Compiled;
        }

        if (_bound!.TryGetValue(expandedArgument, out var cached))
        {
            return cached;
        }

        var compiled = _compileExpanded!(expandedArgument);
        if (_bound.Count < _cacheSize)
        {
            _bound.TryAdd(expandedArgument, compiled);
        }

        return compiled;
    }

    public override string ToString() => $"@{OperatorCatalog.NameOf(Name)} {Argument}";
}
