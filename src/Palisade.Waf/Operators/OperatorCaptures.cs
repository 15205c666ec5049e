namespace Palisade.Waf.Operators;

/// <summary>
/// The captures one evaluation produced: slot n is what goes to TX.n. A slot can be unset (a regex group that did
/// not take part in the match), in which case ModSecurity leaves TX.n as it was. Reusable: the engine keeps one per
/// transaction; values point into the input (no copies) until the engine turns them into strings.
/// </summary>
public sealed class OperatorCaptures
{
    /// <summary>TX.0 to TX.9.</summary>
    public const int MaxCount = 10;

    private readonly ReadOnlyMemory<char>[] _values = new ReadOnlyMemory<char>[MaxCount];
    private int _setMask;

    public bool IsEmpty => _setMask == 0;

    /// <summary>One past the highest slot set (0 when none).</summary>
    public int Count => 32 - int.LeadingZeroCount(_setMask);

    public bool IsSet(int index) => (uint)index < MaxCount && (_setMask & (1 << index)) != 0;

    public bool TryGet(int index, out ReadOnlyMemory<char> value)
    {
        if (IsSet(index))
        {
            value = _values[index];
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The capture as a string, or null when the slot is unset.</summary>
    public string? GetString(int index) => TryGet(index, out var value) ? value.ToString() : null;

    public void Clear()
    {
        if (_setMask != 0)
        {
            Array.Clear(_values);
            _setMask = 0;
        }
    }

    internal void Set(int index, ReadOnlyMemory<char> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxCount);
        _values[index] = value;
        _setMask |= 1 << index;
    }
}
