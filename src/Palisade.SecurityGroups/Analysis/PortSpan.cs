using System.Globalization;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// An inclusive range of port numbers 0..65535 as analysis sees them. Unlike <see cref="Core.PortRange"/> (the
/// API's "start/end" form, 1..65535 or -1/-1) it can hold port 0, which entries use for "no port".
/// </summary>
public readonly record struct PortSpan(ushort Low, ushort High)
{
    public static PortSpan All { get; } = new(0, ushort.MaxValue);

    public bool IsAll => Low == 0 && High == ushort.MaxValue;

    public int Count => High - Low + 1;

    public bool Contains(int port) => port >= Low && port <= High;

    /// <summary>"22", "1024-65535", or "any".</summary>
    public override string ToString() =>
        IsAll ? "any" : Low == High ? Low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Low}-{High}");
}
