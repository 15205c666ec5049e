namespace Palisade.Agent.State;

/// <summary>The nft counter <see cref="CounterName"/> counts rule (or default) <see cref="Name"/> on NIC <see cref="DeviceName"/> ("" for all).</summary>
internal sealed record CounterBinding(string CounterName, string Name, string DeviceName);
