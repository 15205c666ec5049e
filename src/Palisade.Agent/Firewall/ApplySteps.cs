namespace Palisade.Agent.Firewall;

/// <summary>
/// Where the time of one apply went, logged with it: on a large table each step is a noticeable share, and a slow
/// apply is otherwise hard to explain.
/// </summary>
/// <param name="Compile">Building the effective policy and compiling it to an nft script.</param>
/// <param name="CounterRead">Reading the live counters (nft -j list counters), which runs during the compile.</param>
/// <param name="Load">The nft -f transaction that replaces the table.</param>
/// <param name="Save">Writing counters.json, ruleset.nft and state.json.</param>
internal sealed record ApplySteps(TimeSpan Compile, TimeSpan CounterRead, TimeSpan Load, TimeSpan Save);
