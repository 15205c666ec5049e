namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Where one partition of a <see cref="BitVectorClassifier"/> sits in every stream's records, and which entry each of
/// its bits stands for.
/// </summary>
/// <param name="EntryIndexes">The reported index of each entry of the partition, ascending with bit position.</param>
/// <param name="RecordOffset">Word of a record holding the partition's bitset offset; its aggregate words follow.</param>
/// <param name="AggregateWords">Aggregate words per set of this partition.</param>
internal sealed record PartitionLayout(int[] EntryIndexes, int RecordOffset, int AggregateWords);
