namespace Palisade.Server.Persistence;

/// <summary>
/// The single row holding the configuration revision, bumped in the same transaction as every change that can
/// alter an instance's policy.
/// </summary>
internal sealed class ConfigurationStateRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Revision { get; set; }
}
