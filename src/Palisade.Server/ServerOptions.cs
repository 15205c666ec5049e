using Microsoft.Extensions.Logging;

namespace Palisade.Server;

/// <summary>
/// How to run the control plane. Defaults suit a single machine: data in ./data, listening on loopback only.
/// <see cref="AdminPassword"/> and <see cref="BootstrapToken"/> default to the environment variables
/// PALISADE_ADMIN_PASSWORD and PALISADE_BOOTSTRAP_TOKEN, so a plain <c>new ServerOptions()</c> honours them.
/// </summary>
public sealed record ServerOptions
{
    public const string AdminPasswordVariable = "PALISADE_ADMIN_PASSWORD";
    public const string BootstrapTokenVariable = "PALISADE_BOOTSTRAP_TOKEN";

    /// <summary>The folder holding palisade.db; created when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>Kestrel URLs, ';'-separated. Port 0 picks a free port (tests read the bound address).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>The password of user admin created on first start; a random one is printed when null.</summary>
    public string? AdminPassword { get; init; } = Environment.GetEnvironmentVariable(AdminPasswordVariable);

    /// <summary>Stored as an admin API token on first start (when no token exists yet).</summary>
    public string? BootstrapToken { get; init; } = Environment.GetEnvironmentVariable(BootstrapTokenVariable);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the console address and the first-start admin login are printed.</summary>
    public TextWriter Output { get; init; } = System.Console.Out;

    /// <summary>Requests with a larger body are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}
