using System.Runtime.CompilerServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// A packet's header fields as a decision tree compares them, indexed by <see cref="TreeDimension"/>. Eight slots of
/// which five are used (the rest zero): a dimension number masked with 7 is always in range, so the tree walk needs
/// no bounds check, and for IPv4 the slots are exactly one 256-bit vector, which <see cref="Ipv4LeafRule"/> compares at once.
/// </summary>
[InlineArray(Slots)]
internal struct PacketFields<T>
{
    public const int Slots = 8;

    private T _first;
}
