namespace Palisade.SecurityGroups.Analysis;

/// <summary>A port that should not be open to the internet, the service usually behind it, and why.</summary>
/// <param name="Protocol">IP protocol number (6 tcp, 17 udp).</param>
/// <param name="Port">The destination port.</param>
/// <param name="Service">The service usually listening there.</param>
/// <param name="Severity">How bad it is when the whole internet reaches it.</param>
/// <param name="Reason">One line on what an attacker does with it.</param>
public sealed record HighRiskPort(byte Protocol, int Port, string Service, RiskSeverity Severity, string Reason);
