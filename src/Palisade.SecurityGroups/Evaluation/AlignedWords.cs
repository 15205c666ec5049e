using System.Runtime.InteropServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// An array of words whose element <see cref="Start"/> lies on a 64-byte boundary, so that a block of eight words
/// is exactly one cache line. The array lives on the pinned object heap, where the GC never moves objects, so the
/// alignment found at allocation holds for the array's lifetime.
/// </summary>
internal readonly record struct AlignedWords(ulong[] Array, int Start)
{
    private const int LineBytes = 64;

    public static AlignedWords Allocate(int words)
    {
        var array = GC.AllocateArray<ulong>(words + (LineBytes / sizeof(ulong)), pinned: true);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var misalignment = (int)(handle.AddrOfPinnedObject() % LineBytes);
            return new AlignedWords(array, misalignment == 0 ? 0 : (LineBytes - misalignment) / sizeof(ulong));
        }
        finally
        {
            handle.Free();
        }
    }
}
