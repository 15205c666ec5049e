using System.Runtime.InteropServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Distinct entry bitsets of one field and partition, each stored once however many intervals share it, with their
/// aggregate words on export (<see cref="FieldBitsets"/> describes both; <see cref="BitsetStream"/> lays them out).
/// </summary>
internal sealed class BitsetPool(int words)
{
    private readonly Dictionary<ContentKey, int> _ids = [];
    private readonly List<ulong[]> _sets = [];

    public int Count => _sets.Count;

    public int Words => words;

    /// <summary>The id of the set with these entry words, adding it when new.</summary>
    public int Intern(ReadOnlySpan<ulong> bits)
    {
        var key = new ContentKey(bits.ToArray());
        if (_ids.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var id = _sets.Count;
        _sets.Add(key.Bits);
        _ids.Add(key, id);
        return id;
    }

    public ReadOnlySpan<ulong> EntryWords(int id) => _sets[id];

    /// <summary>Every set's aggregate words back to back: bit b of set i says block b of set i has an entry.</summary>
    public ulong[] ExportAggregates()
    {
        var aggregateWords = FieldBitsets.AggregateWordsFor(words);
        var aggregates = new ulong[Math.Max(1, _sets.Count * aggregateWords)];
        for (var id = 0; id < _sets.Count; id++)
        {
            var set = _sets[id];
            for (var w = 0; w < words; w++)
            {
                if (set[w] != 0)
                {
                    var block = w / FieldBitsets.BlockWords;
                    aggregates[(id * aggregateWords) + (block >> 6)] |= 1UL << (block & 63);
                }
            }
        }

        return aggregates;
    }

    /// <summary>A bitset compared by content.</summary>
    private readonly struct ContentKey : IEquatable<ContentKey>
    {
        private readonly int _hash;

        public ContentKey(ulong[] bits)
        {
            Bits = bits;
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(bits.AsSpan()));
            _hash = hash.ToHashCode();
        }

        public ulong[] Bits { get; }

        public bool Equals(ContentKey other) => _hash == other._hash && Bits.AsSpan().SequenceEqual(other.Bits);

        public override bool Equals(object? obj) => obj is ContentKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
