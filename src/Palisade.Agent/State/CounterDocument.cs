using Palisade.Contracts.Agent;

namespace Palisade.Agent.State;

/// <summary>
/// Rule counters as kept on disk. <see cref="Carried"/>: totals of every table the agent replaced (the kernel
/// resets counters with the table). <see cref="Live"/>: the current table's counters when last read, added to the
/// carried totals if the table is found gone (a reboot), so that hit counts survive it up to the last reading.
/// </summary>
internal sealed record CounterDocument
{
    public int FormatVersion { get; init; } = 1;

    public List<RuleCounter> Carried { get; init; } = [];

    public List<RuleCounter> Live { get; init; } = [];
}
