using System.Numerics;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>One compiled tree before <see cref="DecisionForest{T, TRule}"/> lays it out next to the others.</summary>
/// <param name="Blocks">The split blocks; subtree codes ≥ 0 index this array.</param>
/// <param name="LeafRules">
/// Every leaf's rules in precedence order, each leaf ending with a rule that matches its whole region; a leaf code
/// is the complement of the position of its first rule here.
/// </param>
/// <param name="Root">A block index, or a leaf code when the tree is a single leaf.</param>
/// <param name="Splits">The number of binary splits the blocks hold.</param>
/// <param name="FirstIndex">The smallest index any of the tree's entries reports (int.MaxValue when it has none).</param>
internal sealed record BuiltTree<T, TRule>(SplitBlock<T>[] Blocks, TRule[] LeafRules, int Root, int Splits, int FirstIndex)
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    where TRule : unmanaged, ILeafRule<TRule, T>;
