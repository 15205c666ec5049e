namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// For each outcome of the seven splits of a <see cref="SplitBlock{T}"/> (bit i set when the packet goes right at
/// split i), the subtree the packet reaches: split 0, then 1 or 2, then one of 3–6, as the scalar walk goes. Reading
/// it is one load, where following the bits is three dependent steps.
/// </summary>
internal static class SplitPaths
{
    /// <summary>
    /// Written out rather than computed so that it is data in the image, read with a single load; the unit tests
    /// check every entry against the step-by-step walk.
    /// </summary>
    public static ReadOnlySpan<byte> Subtree =>
    [
        0, 4, 2, 4, 0, 6, 2, 6, 1, 4, 2, 4, 1, 6, 2, 6, 0, 4, 3, 4, 0, 6, 3, 6, 1, 4, 3, 4, 1, 6, 3, 6,
        0, 5, 2, 5, 0, 6, 2, 6, 1, 5, 2, 5, 1, 6, 2, 6, 0, 5, 3, 5, 0, 6, 3, 6, 1, 5, 3, 5, 1, 6, 3, 6,
        0, 4, 2, 4, 0, 7, 2, 7, 1, 4, 2, 4, 1, 7, 2, 7, 0, 4, 3, 4, 0, 7, 3, 7, 1, 4, 3, 4, 1, 7, 3, 7,
        0, 5, 2, 5, 0, 7, 2, 7, 1, 5, 2, 5, 1, 7, 2, 7, 0, 5, 3, 5, 0, 7, 3, 7, 1, 5, 3, 5, 1, 7, 3, 7,
    ];
}
