using System.Numerics;
using System.Runtime.CompilerServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Three levels of a binary decision tree packed together: seven splits (heap order: split i leads to 2i+1 when the
/// packet's field is below the threshold, else to 2i+2) and the eight subtrees below them. For IPv4 the block is
/// exactly one 64-byte cache line, so a packet pays one memory access per three levels instead of one per level.
/// </summary>
/// <remarks>
/// The hierarchical blocking of a binary search tree into cache-line sized pieces follows FAST (C. Kim et al.,
/// "FAST: Fast Architecture Sensitive Tree Search on Modern CPUs and GPUs", SIGMOD 2010). A split whose subtree ends
/// above the third level is padded with threshold zero (every value goes right) and the same subtree in every slot
/// below it.
/// </remarks>
internal struct SplitBlock<T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    public const int SplitsPerBlock = 7;
    public const int SubtreesPerBlock = 8;
    public const int DimensionBits = 3;

    /// <summary>Slot 7, the eighth, which holds the dimensions rather than a threshold.</summary>
    public const int DimensionsSlot = 7;

    /// <summary>
    /// Slots 0–6: the first value of the right-hand side of each split. Slot 7: the dimension
    /// (<see cref="TreeDimension"/>) of split i in bits 3i..3i+2. Eight slots, so that any index masked with 7 is in
    /// range and the lookup needs no bounds checks, and the dimensions cost no extra space.
    /// </summary>
    public SplitSlots<T> Slots;

    /// <summary>Each subtree: a block index (≥ 0), or the bitwise complement of the first leaf rule of a leaf.</summary>
    public SplitSubtrees Subtrees;
}

[InlineArray(8)]
internal struct SplitSlots<T>
{
    private T _first;
}

[InlineArray(SplitBlock<uint>.SubtreesPerBlock)]
internal struct SplitSubtrees
{
    private int _first;
}
