using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// A read-only array of plain structs whose first element lies on a 64-byte boundary, so that a 64-byte element is
/// exactly one cache line and smaller power-of-two elements never straddle two. The storage is a word array on the
/// pinned object heap, where the GC never moves objects, so the alignment found at allocation holds for its lifetime.
/// </summary>
internal sealed class AlignedArray<TItem>
    where TItem : unmanaged
{
    private const int LineBytes = 64;

    private readonly ulong[] _words;
    private readonly int _start;
    private readonly int _wordCount;

    public AlignedArray(ReadOnlySpan<TItem> items)
    {
        var itemBytes = Unsafe.SizeOf<TItem>();
        if (itemBytes % sizeof(ulong) != 0)
        {
            throw new ArgumentException($"{typeof(TItem).Name} is {itemBytes} bytes; an aligned array needs a multiple of {sizeof(ulong)}.");
        }

        Length = items.Length;
        _wordCount = items.Length * itemBytes / sizeof(ulong);
        _words = GC.AllocateArray<ulong>(_wordCount + (LineBytes / sizeof(ulong)), pinned: true);
        var handle = GCHandle.Alloc(_words, GCHandleType.Pinned);
        try
        {
            var misalignment = (int)(handle.AddrOfPinnedObject() % LineBytes);
            _start = misalignment == 0 ? 0 : (LineBytes - misalignment) / sizeof(ulong);
        }
        finally
        {
            handle.Free();
        }

        items.CopyTo(MemoryMarshal.Cast<ulong, TItem>(_words.AsSpan(_start, _wordCount)));
    }

    public int Length { get; }

    public long MemoryBytes => _words.Length * (long)sizeof(ulong);

    public ReadOnlySpan<TItem> Span => MemoryMarshal.Cast<ulong, TItem>(_words.AsSpan(_start, _wordCount));
}
