using System.Collections.Immutable;
using Palisade.Agent.State;
using Palisade.Contracts.Agent;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.Agent.Firewall;

/// <summary>
/// Packets and bytes per rule (or default) and NIC, immutable. The kernel's named counters belong to one table and
/// restart at zero when the table is replaced, so the agent adds each table's final values to these totals.
/// </summary>
internal sealed class CounterTotals
{
    private readonly ImmutableDictionary<(string Name, string Device), (long Packets, long Bytes)> _values;

    private CounterTotals(ImmutableDictionary<(string Name, string Device), (long Packets, long Bytes)> values) => _values = values;

    public static CounterTotals Empty { get; } = new(ImmutableDictionary<(string, string), (long, long)>.Empty);

    public int Count => _values.Count;

    public static CounterTotals From(IEnumerable<RuleCounter>? counters) => Empty.Add(counters);

    /// <summary>Kernel counter values, named through the ruleset's bindings; counters no binding names are left out.</summary>
    public static CounterTotals FromKernel(IEnumerable<NftCounterValue> values, IReadOnlyList<CounterBinding> bindings)
    {
        var byCounter = new Dictionary<string, CounterBinding>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            byCounter.TryAdd(binding.CounterName, binding);
        }

        var builder = ImmutableDictionary.CreateBuilder<(string, string), (long, long)>();
        foreach (var value in values)
        {
            if (byCounter.TryGetValue(value.CounterName, out var binding))
            {
                Accumulate(builder, (binding.Name, binding.DeviceName), value.Packets, value.Bytes);
            }
        }

        return new CounterTotals(builder.ToImmutable());
    }

    public CounterTotals Add(CounterTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var builder = _values.ToBuilder();
        foreach (var ((name, device), (packets, bytes)) in other._values)
        {
            Accumulate(builder, (name, device), packets, bytes);
        }

        return new CounterTotals(builder.ToImmutable());
    }

    public CounterTotals Add(IEnumerable<RuleCounter>? counters)
    {
        var builder = _values.ToBuilder();
        foreach (var counter in counters ?? [])
        {
            if (!string.IsNullOrEmpty(counter?.Name))
            {
                Accumulate(builder, (counter.Name, counter.DeviceName ?? ""), counter.Packets, counter.Bytes);
            }
        }

        return new CounterTotals(builder.ToImmutable());
    }

    /// <summary>Only the counters <paramref name="bindings"/> name: totals of rules that are gone are dropped.</summary>
    public CounterTotals Retain(IReadOnlyList<CounterBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var keep = bindings.Select(b => (b.Name, b.DeviceName)).ToHashSet();
        return new CounterTotals(_values.RemoveRange(_values.Keys.Where(k => !keep.Contains(k))));
    }

    public (long Packets, long Bytes) Get(string name, string deviceName = "") => _values.GetValueOrDefault((name, deviceName));

    /// <summary>In a stable order (name, then device), as reported and stored.</summary>
    public List<RuleCounter> ToList() =>
        [.. _values
            .OrderBy(v => v.Key.Name, StringComparer.Ordinal)
            .ThenBy(v => v.Key.Device, StringComparer.Ordinal)
            .Select(v => new RuleCounter
            {
                Name = v.Key.Name,
                DeviceName = v.Key.Device.Length == 0 ? null : v.Key.Device,
                Packets = v.Value.Packets,
                Bytes = v.Value.Bytes,
            })];

    public bool SameAs(CounterTotals other) =>
        other is not null && other._values.Count == _values.Count
        && _values.All(v => other._values.TryGetValue(v.Key, out var o) && o == v.Value);

    private static void Accumulate(
        ImmutableDictionary<(string, string), (long, long)>.Builder builder, (string, string) key, long packets, long bytes)
    {
        var (p, b) = builder.GetValueOrDefault(key);
        // Saturate instead of wrapping: a counter is never reported negative.
        builder[key] = (SaturatingAdd(p, Math.Max(0, packets)), SaturatingAdd(b, Math.Max(0, bytes)));
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
