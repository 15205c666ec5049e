using System.Numerics;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// How a leaf of a <see cref="DecisionForest{T, TRule}"/> stores an entry and tests a packet against it. A static
/// abstract interface, so that each family's forest is compiled for its own rule layout with no indirect call.
/// </summary>
internal interface ILeafRule<TRule, T>
    where TRule : unmanaged, ILeafRule<TRule, T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    /// <param name="lows">Low end of each dimension, indexed by <see cref="TreeDimension"/>.</param>
    /// <param name="highs">High end of each dimension.</param>
    /// <param name="reportedIndex">What a match reports: the entry's index in the whole list, or int.MaxValue for "no entry".</param>
    static abstract TRule Create(ReadOnlySpan<T> lows, ReadOnlySpan<T> highs, int reportedIndex);

    // Static and by reference rather than instance members: the JIT copied a 64-byte rule to the stack for each
    // instance call on it, which cost more than the test itself.
    static abstract int ReportedIndex(ref readonly TRule rule);

    static abstract bool Matches(ref readonly TRule rule, ref readonly PacketFields<T> fields);
}
