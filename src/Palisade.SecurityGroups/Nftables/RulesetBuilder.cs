using System.Globalization;
using System.Text;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Collects the counters, maps and chains of the filter table while NICs are compiled, and writes the table in a
/// fixed order (counters by name, maps in creation order, base chains, then the other chains in creation order)
/// so that the same policy always gives the same text.
/// </summary>
internal sealed class RulesetBuilder
{
    private readonly SortedDictionary<string, NftCounter> _counters = new(StringComparer.Ordinal);
    private readonly List<(string Name, string? Hook, List<string> Rules)> _chains = [];
    private readonly StringBuilder _maps = new();

    public int RuleLineCount { get; private set; }

    public int SetElementCount { get; private set; }

    public int MapCount { get; private set; }

    public IEnumerable<NftCounter> Counters => _counters.Values;

    /// <summary>Declares a counter; declaring the same counter again is harmless.</summary>
    public void DeclareCounter(NftCounter counter) => _counters.TryAdd(counter.CounterName, counter);

    public void AddChain(string name, string? hook, List<string> rules)
    {
        _chains.Add((name, hook, rules));
        RuleLineCount += rules.Count;
    }

    /// <summary>Adds an interval map from keys to named counters; each element is "key : \"counter\"".</summary>
    public void AddCounterMap(string name, string keyType, IReadOnlyList<string> elements)
    {
        _maps.Append("\tmap ").Append(name).Append(" {\n")
            .Append("\t\ttype ").Append(keyType).Append(" : counter\n")
            .Append("\t\tflags interval\n")
            .Append("\t\telements = {\n");
        for (var i = 0; i < elements.Count; i++)
        {
            _maps.Append("\t\t\t").Append(elements[i]).Append(i < elements.Count - 1 ? ",\n" : "\n");
        }

        _maps.Append("\t\t}\n\t}\n\n");
        SetElementCount += elements.Count;
        MapCount++;
    }

    /// <summary>Writes "table inet NAME { … }".</summary>
    public void WriteTable(StringBuilder script, string tableName)
    {
        script.Append("table inet ").Append(tableName).Append(" {\n");
        foreach (var counter in _counters.Keys)
        {
            script.Append("\tcounter ").Append(counter).Append(" { }\n");
        }

        if (_counters.Count > 0)
        {
            script.Append('\n');
        }

        script.Append(_maps);
        // Base chains first: they are where a reader starts.
        foreach (var (name, hook, rules) in _chains.Where(c => c.Hook is not null).Concat(_chains.Where(c => c.Hook is null)))
        {
            WriteChain(script, name, hook, rules);
        }

        // The blank line after the last block is not wanted before the closing brace.
        if (script.Length >= 2 && script[^1] == '\n' && script[^2] == '\n')
        {
            script.Length--;
        }

        script.Append("}\n");
    }

    /// <summary>"counter name "X" accept": the statement every entry ends with.</summary>
    public static string CountAndDecide(string counterName, Verdict verdict) =>
        string.Create(CultureInfo.InvariantCulture, $"counter name \"{counterName}\" {(verdict == Verdict.Accept ? "accept" : "drop")}");

    private static void WriteChain(StringBuilder script, string name, string? hook, List<string> rules)
    {
        script.Append("\tchain ").Append(name).Append(" {\n");
        if (hook is not null)
        {
            script.Append("\t\t").Append(hook).Append('\n');
        }

        foreach (var rule in rules)
        {
            script.Append("\t\t").Append(rule).Append('\n');
        }

        script.Append("\t}\n\n");
    }
}
