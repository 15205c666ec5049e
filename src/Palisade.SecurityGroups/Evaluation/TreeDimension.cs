namespace Palisade.SecurityGroups.Evaluation;

/// <summary>The header fields a <see cref="DecisionForest{T, TRule}"/> splits on, as indexes into per-field arrays.</summary>
internal static class TreeDimension
{
    public const int Protocol = 0;
    public const int Source = 1;
    public const int Destination = 2;
    public const int SourcePort = 3;
    public const int DestinationPort = 4;

    public const int Count = 5;
}
