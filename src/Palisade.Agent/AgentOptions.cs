using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Palisade.Core;

namespace Palisade.Agent;

/// <summary>
/// How to run the instance agent (<c>palisade agent</c>). The agent must run as root: it replaces the kernel's
/// <c>table inet palisade</c> with nft. Check a value with <see cref="AgentOptionsValidator"/> before running.
/// </summary>
public sealed record AgentOptions
{
    public const string DefaultStateDirectory = "/var/lib/palisade-agent";
    public const string DefaultTableName = "palisade";

    /// <summary>The control plane's base address, e.g. http://10.0.0.5:8080.</summary>
    public required Uri Server { get; init; }

    /// <summary>An API token with role agent.</summary>
    public required string Token { get; init; }

    /// <summary>The instance's unique name on the server; null means the host name.</summary>
    public string? InstanceName { get; init; }

    /// <summary>Created with mode 0700; holds the last good ruleset and the carried rule counters.</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    /// <summary>Networks that can always reach <see cref="ManagementPorts"/>, whatever the rules say.</summary>
    public ImmutableArray<Cidr> ManagementSources { get; init; } = [];

    /// <summary>TCP ports kept open to <see cref="ManagementSources"/> and the control plane; SSH by default.</summary>
    public ImmutableArray<int> ManagementPorts { get; init; } = [22];

    public string NftPath { get; init; } = "nft";

    public string IpPath { get; init; } = "ip";

    /// <summary>
    /// Put in front of every <c>ip</c> and <c>nft</c> command; e.g. ["ip", "netns", "exec", "ns1"] enforces the
    /// policy inside network namespace ns1 while the agent itself runs outside it (tests and containers).
    /// </summary>
    public IReadOnlyList<string>? CommandPrefix { get; init; }

    /// <summary>How long one desired-state request may wait on the server for a change (long poll; at most 60 s).</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often rule counters are reported, besides right after every apply.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the NICs and addresses are read; a change registers the instance again.</summary>
    public TimeSpan InventoryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts to reach an unreachable server.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The nftables table the agent owns; nothing else in the kernel's ruleset is touched.</summary>
    public string TableName { get; init; } = DefaultTableName;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where log records go; null logs to the console (standard error).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Where option errors are printed before the agent starts.</summary>
    public TextWriter ErrorOutput { get; init; } = Console.Error;
}
