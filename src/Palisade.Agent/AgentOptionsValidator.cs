using System.Globalization;
using System.Net;
using Palisade.Core;

namespace Palisade.Agent;

/// <summary>Checks <see cref="AgentOptions"/> and reports every problem at once, each naming the option and what is accepted.</summary>
public static class AgentOptionsValidator
{
    /// <summary>The server accepts instance names of this length and alphabet (see the agent/register operation).</summary>
    public const int MaxInstanceNameLength = 128;

    /// <summary>The server holds a desired-state request at most this long.</summary>
    public static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<ValidationError> Validate(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ValidationError>();
        if (options.Server is null || !options.Server.IsAbsoluteUri || (options.Server.Scheme != Uri.UriSchemeHttp && options.Server.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(Error("server", options.Server?.ToString(), "give the control plane's http:// or https:// address, such as http://10.0.0.5:8080"));
        }

        if (string.IsNullOrWhiteSpace(options.Token) || options.Token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(Error("token", options.Token is null ? null : "(hidden)", "give an API token with role agent (`palisade token create --role agent`)"));
        }

        var name = ResolveInstanceName(options);
        if (!IsValidInstanceName(name))
        {
            errors.Add(Error("instance-name", name,
                $"use up to {MaxInstanceNameLength} letters, digits, '.', '-' and '_'" + (options.InstanceName is null ? " (the host name was used; pass --instance-name)" : "")));
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add(Error("state-dir", options.StateDirectory, $"give a directory for the agent's state, such as {AgentOptions.DefaultStateDirectory}"));
        }

        foreach (var port in options.ManagementPorts.IsDefault ? [] : options.ManagementPorts)
        {
            if (port is < 1 or > 65535)
            {
                errors.Add(Error("management-port", port.ToString(CultureInfo.InvariantCulture), "give TCP ports from 1 to 65535"));
            }
        }

        if (options.ManagementPorts.IsDefault)
        {
            errors.Add(Error("management-port", null, "give a list of TCP ports (it may be empty)"));
        }

        if (options.ManagementSources.IsDefault)
        {
            errors.Add(Error("management-cidr", null, "give a list of CIDR blocks (it may be empty)"));
        }

        if (string.IsNullOrWhiteSpace(options.NftPath))
        {
            errors.Add(Error("nft-path", options.NftPath, "give the nft program, such as nft or /usr/sbin/nft"));
        }

        if (string.IsNullOrWhiteSpace(options.IpPath))
        {
            errors.Add(Error("ip-path", options.IpPath, "give the ip program of iproute2, such as ip or /usr/sbin/ip"));
        }

        if (options.CommandPrefix is { } prefix && prefix.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(Error("command-prefix", string.Join(' ', prefix), "give non-empty words, such as ip netns exec ns1"));
        }

        if (options.PollWait < TimeSpan.FromSeconds(1) || options.PollWait > MaxPollWait)
        {
            errors.Add(Error("poll-wait", Seconds(options.PollWait), $"give 1 to {MaxPollWait.TotalSeconds} seconds"));
        }

        if (options.ReportInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add(Error("report-interval", Seconds(options.ReportInterval), "give at least 1 second"));
        }

        if (options.InventoryInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add(Error("inventory-interval", Seconds(options.InventoryInterval), "give at least 1 second"));
        }

        if (options.MaxRetryDelay < TimeSpan.FromSeconds(1))
        {
            errors.Add(Error("max-retry-delay", Seconds(options.MaxRetryDelay), "give at least 1 second"));
        }

        if (string.IsNullOrEmpty(options.TableName) || options.TableName.Length > 64
            || !char.IsAsciiLetter(options.TableName[0]) || !options.TableName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors.Add(Error("table-name", options.TableName, "use up to 64 letters, digits and '_', starting with a letter"));
        }

        if (options.TimeProvider is null)
        {
            errors.Add(Error("time-provider", null, "give a TimeProvider (TimeProvider.System outside tests)"));
        }

        return errors;
    }

    /// <summary>The name the agent registers under: the given one, else the host name.</summary>
    public static string ResolveInstanceName(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.InstanceName ?? Dns.GetHostName();
    }

    internal static bool IsValidInstanceName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxInstanceNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";

    private static ValidationError Error(string option, string? value, string accepted) =>
        new(ErrorCodes.ParameterMalformed, option, value, $"--{option} '{value}' is not accepted: {accepted}.");
}
