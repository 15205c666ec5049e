using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>The table of ports that exposure analysis checks.</summary>
/// <remarks>
/// Sources: product.md §1 (22, 3389, 3306, 5432, 6379, 27017, 9200, 11211, 50000); the cloud checks users know —
/// Alibaba Cloud Firewall's security-group check items (remote O&amp;M ports 22, 3389, 50000 …) and Cloud Config's
/// sg-risky-ports-check — and the "unrestricted specific ports" policies of common cloud scanners (Terrascan /
/// Tenable: FTP, Telnet, SMB, NetBIOS 137–139 over tcp and udp, MSSQL, Oracle, PostgreSQL …). Port numbers are
/// the IANA service-name registry assignments. Severity is high for services that give a shell or data to
/// whoever connects (unauthenticated by default, or brute-forced daily); medium where the service authenticates
/// with certificates by default (Docker over TLS, the Kubernetes API server).
/// </remarks>
public static class HighRiskPorts
{
    private const byte Tcp = IpProtocols.TcpNumber;
    private const byte Udp = IpProtocols.UdpNumber;

    public static ImmutableArray<HighRiskPort> All { get; } =
    [
        new(Tcp, 21, "FTP", RiskSeverity.High, "Cleartext logins, anonymous access and brute force."),
        new(Tcp, 22, "SSH", RiskSeverity.High, "Remote shell: brute-forced around the clock by botnets."),
        new(Tcp, 23, "Telnet", RiskSeverity.High, "Remote shell with cleartext passwords; a favourite of IoT botnets."),
        new(Tcp, 135, "MS RPC", RiskSeverity.High, "Windows RPC endpoint mapper: remote exploits and lateral movement."),
        new(Udp, 137, "NetBIOS name service", RiskSeverity.High, "Leaks host and domain names; used in amplification attacks."),
        new(Udp, 138, "NetBIOS datagram", RiskSeverity.High, "Legacy Windows networking that should never leave the LAN."),
        new(Tcp, 139, "NetBIOS session", RiskSeverity.High, "Legacy SMB transport: file shares and remote exploits."),
        new(Tcp, 445, "SMB", RiskSeverity.High, "Windows file sharing: wormable exploits (EternalBlue) and ransomware."),
        new(Tcp, 1433, "MSSQL", RiskSeverity.High, "Database logins brute-forced; data theft and command execution."),
        new(Tcp, 1521, "Oracle", RiskSeverity.High, "Database listener: brute force and listener exploits."),
        new(Tcp, 2375, "Docker API", RiskSeverity.High, "Unauthenticated Docker API: root on the host, used for cryptomining."),
        new(Tcp, 2376, "Docker API (TLS)", RiskSeverity.Medium, "Docker API behind client certificates: root on the host if a certificate leaks."),
        new(Tcp, 3306, "MySQL", RiskSeverity.High, "Database logins brute-forced; data theft and ransom notes."),
        new(Tcp, 3389, "RDP", RiskSeverity.High, "Windows remote desktop: brute force and wormable exploits (BlueKeep)."),
        new(Tcp, 5432, "PostgreSQL", RiskSeverity.High, "Database logins brute-forced; COPY … PROGRAM runs commands as the server."),
        new(Tcp, 5900, "VNC", RiskSeverity.High, "Remote desktop, often with a weak or no password."),
        new(Tcp, 5984, "CouchDB", RiskSeverity.High, "HTTP database API, historically open to anyone (admin party)."),
        new(Tcp, 6379, "Redis", RiskSeverity.High, "No authentication by default: data theft, and writing files turns into code execution."),
        new(Tcp, 6443, "Kubernetes API", RiskSeverity.Medium, "Cluster control plane: anonymous discovery and credential attacks."),
        new(Tcp, 8086, "InfluxDB", RiskSeverity.High, "Time-series database API, unauthenticated by default in 1.x."),
        new(Tcp, 9042, "Cassandra", RiskSeverity.High, "Database native protocol, unauthenticated by default."),
        new(Tcp, 9200, "Elasticsearch", RiskSeverity.High, "HTTP API, historically without authentication: mass data leaks and wiping."),
        new(Tcp, 10250, "Kubelet", RiskSeverity.High, "Node agent API: anonymous access runs commands in every pod."),
        new(Tcp, 11211, "memcached", RiskSeverity.High, "No authentication: data theft and cache poisoning."),
        new(Udp, 11211, "memcached", RiskSeverity.High, "No authentication, and the largest known DDoS amplification factor."),
        new(Tcp, 27017, "MongoDB", RiskSeverity.High, "Historically unauthenticated by default: mass data theft and ransom."),
        new(Tcp, 50000, "SAP / DB2", RiskSeverity.High, "DB2 and SAP management ports: brute force and remote exploits."),
    ];
}
