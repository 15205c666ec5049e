using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Agent;
using Palisade.Contracts.Common;
using Palisade.Core;
using Palisade.Server.Authentication;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>
/// The agent's side of the protocol: registration (the same name is the same instance; NICs matched by device
/// name) and reports (applied state and cumulative rule counters, kept as last reported).
/// </summary>
/// <remarks>
/// An agent token is bound to the instance it registers first: it may then speak only for that instance, and an
/// instance registered with one agent token cannot be taken over with another. Admin tokens are not bound.
/// </remarks>
internal sealed class AgentService(ConfigurationStore store, TimeProvider time)
{
    public const int MaxNetworkInterfaces = 64;
    public const int MaxCounters = 20_000;
    public const int MaxDeviceNameLength = 15; // IFNAMSIZ - 1 on Linux
    public const int MaxErrorLength = 4096;

    /// <summary>Polls refresh "last seen" at most this often, so idle agents cost no writes.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromSeconds(10);

    private PalisadeDbContext Db => store.Db;

    /// <param name="request">What the agent reports about its instance.</param>
    /// <param name="arrivedOn">The server address the request arrived on: the agent keeps it reachable.</param>
    /// <param name="agent">The agent token that sent the request, or null for an admin token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<AgentRegisterResponse> RegisterAsync(AgentRegisterRequest request, IPAddress? arrivedOn, AgentIdentity? agent, CancellationToken cancellationToken)
    {
        var name = RequestFields.Required(request.InstanceName, "InstanceName", "use the instance's host name");
        if (name.Length > RequestFields.MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ValidationException(ErrorCodes.InstanceNameMalformed, "InstanceName", RequestFields.Shorten(name),
                $"InstanceName '{RequestFields.Shorten(name)}' is not accepted: use up to {RequestFields.MaxNameLength} letters, digits, '.', '-' and '_'.");
        }

        var hostName = RequestFields.Name(request.HostName, "HostName", ErrorCodes.ParameterMalformed, name);
        var agentVersion = RequestFields.Name(request.AgentVersion, "AgentVersion", ErrorCodes.ParameterMalformed);
        var nics = ValidateNics(request.NetworkInterfaces);

        var instanceId = await store.ChangePolicyAsync(async _ =>
        {
            var now = time.UtcNow();
            var instance = await Db.Instances.Include(i => i.NetworkInterfaces).ThenInclude(n => n.SecurityGroups)
                .SingleOrDefaultAsync(i => i.InstanceName == name, cancellationToken).ConfigureAwait(false);
            if (instance is null)
            {
                var region = await ResourceLookup.RegionAsync(Db, request.RegionId, cancellationToken).ConfigureAwait(false);
                instance = new InstanceRecord
                {
                    InstanceId = ResourceIds.New(ResourceIds.InstancePrefix),
                    RegionId = region.RegionId,
                    InstanceName = name,
                    CreatedUtc = now,
                };
                Db.Instances.Add(instance);
            }
            else if (!ResourceLookup.InRegion(instance.RegionId, request.RegionId))
            {
                throw new ValidationException(ErrorCodes.ParameterConflict, "RegionId", request.RegionId,
                    $"Instance {name} is registered in region {instance.RegionId}: an instance cannot move; delete it (DeleteInstance) to register it elsewhere.");
            }

            await BindTokenAsync(agent, instance, name, cancellationToken).ConfigureAwait(false);
            instance.HostName = hostName;
            instance.AgentVersion = agentVersion;
            instance.LastSeenUtc = now;

            var byDevice = instance.NetworkInterfaces.ToDictionary(n => n.DeviceName, StringComparer.Ordinal);
            for (var position = 0; position < nics.Count; position++)
            {
                var (device, mac, addresses) = nics[position];
                if (!byDevice.Remove(device, out var nic))
                {
                    nic = new NetworkInterfaceRecord
                    {
                        NetworkInterfaceId = ResourceIds.New(ResourceIds.NetworkInterfacePrefix),
                        InstanceId = instance.InstanceId,
                        DeviceName = device,
                    };
                    instance.NetworkInterfaces.Add(nic);
                }

                nic.MacAddress = mac;
                nic.Position = position;
                nic.Addresses = addresses;
            }

            // NICs the agent no longer reports are gone from the host, and so from every group.
            foreach (var gone in byDevice.Values)
            {
                instance.NetworkInterfaces.Remove(gone);
                Db.NetworkInterfaces.Remove(gone);
            }

            return instance.InstanceId;
        }, cancellationToken).ConfigureAwait(false);

        var local = arrivedOn is { IsIPv4MappedToIPv6: true } ? arrivedOn.MapToIPv4() : arrivedOn;
        return new AgentRegisterResponse { InstanceId = instanceId, ControlPlaneAddresses = local is null ? [] : [local.ToString()] };
    }

    public async Task<ApiResponse> ReportAsync(AgentReportRequest request, AgentIdentity? agent, CancellationToken cancellationToken)
    {
        var instanceId = RequestFields.RequiredId(request.InstanceId, "InstanceId", ResourceIds.InstancePrefix, ErrorCodes.InstanceNotFound);
        await EnsureTokenSpeaksForAsync(agent, instanceId, cancellationToken).ConfigureAwait(false);
        if (request.AppliedRevision < 0)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "AppliedRevision", request.AppliedRevision.ToString(CultureInfo.InvariantCulture),
                "AppliedRevision must not be negative: send the Revision of the desired state that was applied.");
        }

        var digest = request.AppliedDigest?.Trim();
        if (digest is not null && (digest.Length > 64 || !digest.All(char.IsAsciiHexDigit)))
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "AppliedDigest", RequestFields.Shorten(digest),
                "AppliedDigest is not accepted: send the Digest of the desired state that was applied (64 hex digits).");
        }

        var counters = ValidateCounters(request.Counters);
        var error = request.Error is { Length: > MaxErrorLength } ? request.Error[..MaxErrorLength] : request.Error;
        await store.ChangeAsync(async () =>
        {
            var now = time.UtcNow();
            var instance = await Db.Instances.SingleOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new ValidationException(ErrorCodes.InstanceNotFound, "InstanceId", instanceId, $"Instance {instanceId} does not exist: register again.");
            instance.LastSeenUtc = now;
            instance.AppliedRevision = request.AppliedRevision;
            instance.AppliedDigest = digest;
            instance.AppliedUtc = request.AppliedTime?.UtcDateTime ?? now;
            instance.ApplyError = string.IsNullOrEmpty(error) ? null : error;
            if (request.Counters is not null)
            {
                await Db.RuleHitCounters.Where(c => c.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                Db.RuleHitCounters.AddRange(counters.Select(c => new RuleHitCounterRecord
                {
                    InstanceId = instanceId,
                    Name = c.Key.Name,
                    DeviceName = c.Key.Device,
                    Packets = c.Value.Packets,
                    Bytes = c.Value.Bytes,
                    ReportedUtc = now,
                }));
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    /// <summary>
    /// Refuses a request of an agent token about an instance other than the one the token registered
    /// (<paramref name="agent"/> null: an admin token, which may speak for any instance).
    /// </summary>
    public async Task EnsureTokenSpeaksForAsync(AgentIdentity? agent, string? instanceId, CancellationToken cancellationToken)
    {
        if (agent is null)
        {
            return;
        }

        var (agentTokenId, bound) = agent;
        if (bound is null)
        {
            // A deleted instance unbinds its token: let the caller answer "not found", upon which the agent
            // registers again.
            if (!await Db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == instanceId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            throw new ValidationException(ErrorCodes.Forbidden, "InstanceId", instanceId ?? "",
                $"Agent token {agentTokenId} has not registered instance {instanceId}: call agent/register with this token first.");
        }

        if (!string.Equals(bound, instanceId, StringComparison.Ordinal))
        {
            throw new ValidationException(ErrorCodes.Forbidden, "InstanceId", instanceId ?? "",
                $"Agent token {agentTokenId} belongs to instance {bound} and cannot speak for {instanceId}.");
        }
    }

    private async Task BindTokenAsync(AgentIdentity? agent, InstanceRecord instance, string name, CancellationToken cancellationToken)
    {
        if (agent is null)
        {
            return;
        }

        // Read again inside the write: the binding in the claims may predate a concurrent registration.
        var token = await Db.ApiTokens.SingleAsync(t => t.TokenId == agent.TokenId, cancellationToken).ConfigureAwait(false);
        if (token.InstanceId is { } bound && bound != instance.InstanceId)
        {
            throw new ValidationException(ErrorCodes.Forbidden, "InstanceName", name,
                $"Agent token {token.TokenId} belongs to instance {bound}, so it cannot register '{name}': create one agent token per instance (palisade token create --role agent).");
        }

        if (token.InstanceId is null)
        {
            var owner = await Db.ApiTokens.AsNoTracking().Where(t => t.InstanceId == instance.InstanceId && t.TokenId != token.TokenId)
                .Select(t => t.TokenId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (owner is not null)
            {
                throw new ValidationException(ErrorCodes.Forbidden, "InstanceName", name,
                    $"Instance '{name}' ({instance.InstanceId}) was registered with agent token {owner}: delete that token (palisade token delete --token-id {owner}) or the instance (palisade instance delete) to register it with this one.");
            }

            token.InstanceId = instance.InstanceId;
        }
    }

    /// <summary>Notes that the agent of <paramref name="instanceId"/> is alive; false when the instance does not exist.</summary>
    public async Task<bool> TouchAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var lastSeen = await Db.Instances.AsNoTracking().Where(i => i.InstanceId == instanceId)
            .Select(i => new { i.LastSeenUtc }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (lastSeen is null)
        {
            return false;
        }

        if (lastSeen.LastSeenUtc is { } seen && now - seen < LastSeenResolution)
        {
            return true;
        }

        return await store.ChangeAsync(async () =>
        {
            var instance = await Db.Instances.SingleOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken).ConfigureAwait(false);
            if (instance is not null)
            {
                instance.LastSeenUtc = now;
            }

            return instance is not null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static List<(string Device, string Mac, string Addresses)> ValidateNics(List<AgentNetworkInterface>? inputs)
    {
        inputs ??= [];
        if (inputs.Count > MaxNetworkInterfaces)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "NetworkInterfaces", inputs.Count.ToString(CultureInfo.InvariantCulture),
                $"NetworkInterfaces lists {inputs.Count} interfaces: at most {MaxNetworkInterfaces} are accepted.");
        }

        var errors = new List<ValidationError>();
        var result = new List<(string, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"NetworkInterfaces[{i}]");
            var nic = inputs[i];
            var device = nic?.DeviceName?.Trim() ?? "";
            if (device.Length is 0 or > MaxDeviceNameLength || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
                || !seen.Add(device))
            {
                errors.Add(new(ErrorCodes.ParameterMalformed, prefix + ".DeviceName", RequestFields.Shorten(nic?.DeviceName),
                    $"{prefix}.DeviceName '{RequestFields.Shorten(nic?.DeviceName)}' is not accepted: use the interface's unique name on the host (1-{MaxDeviceNameLength} letters, digits, '.', '-', '_', '@')."));
                continue;
            }

            var mac = nic!.MacAddress?.Trim().ToLowerInvariant() ?? "";
            if (mac.Length > 0 && (mac.Length > 32 || !mac.All(c => char.IsAsciiHexDigit(c) || c == ':')))
            {
                errors.Add(new(ErrorCodes.ParameterMalformed, prefix + ".MacAddress", RequestFields.Shorten(nic.MacAddress),
                    $"{prefix}.MacAddress '{RequestFields.Shorten(nic.MacAddress)}' is not accepted: use hex bytes separated by ':', such as 52:54:00:12:34:56."));
            }

            var addresses = nic.Addresses ?? [];
            var parsed = new List<string>();
            if (addresses.Count > NicAddresses.MaxPerNic)
            {
                errors.Add(new(ErrorCodes.ParameterMalformed, prefix + ".Addresses", addresses.Count.ToString(CultureInfo.InvariantCulture),
                    $"{prefix}.Addresses lists {addresses.Count} addresses: at most {NicAddresses.MaxPerNic} are accepted."));
                continue;
            }

            for (var j = 0; j < addresses.Count; j++)
            {
                if (NicAddresses.TryParse(addresses[j]) is { } address)
                {
                    parsed.Add(NicAddresses.Format(address.Address, address.PrefixLength));
                }
                else
                {
                    var field = string.Create(CultureInfo.InvariantCulture, $"{prefix}.Addresses[{j}]");
                    errors.Add(new(ErrorCodes.ParameterMalformed, field, RequestFields.Shorten(addresses[j]),
                        $"{field} '{RequestFields.Shorten(addresses[j])}' is not accepted: use an address with its prefix length, such as 198.18.0.10/24 or 2001:2::10/64."));
                }
            }

            result.Add((device, mac, string.Join(' ', parsed.Distinct(StringComparer.Ordinal))));
        }

        RequestFields.Throw(errors);
        return result;
    }

    private static Dictionary<(string Name, string Device), (long Packets, long Bytes)> ValidateCounters(List<RuleCounter>? counters)
    {
        var result = new Dictionary<(string, string), (long, long)>();
        if (counters is null)
        {
            return result;
        }

        if (counters.Count > MaxCounters)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "Counters", counters.Count.ToString(CultureInfo.InvariantCulture),
                $"Counters lists {counters.Count} counters: at most {MaxCounters} are accepted.");
        }

        for (var i = 0; i < counters.Count; i++)
        {
            var counter = counters[i];
            var name = counter?.Name?.Trim() ?? "";
            var device = counter?.DeviceName?.Trim() ?? "";
            if (counter is null || name.Length is 0 or > 64 || device.Length > 64 || counter.Packets < 0 || counter.Bytes < 0)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"Counters[{i}]");
                throw new ValidationException(ErrorCodes.ParameterMalformed, field, RequestFields.Shorten(counter?.Name),
                    $"{field} is not accepted: give a Name (a rule id or a default's name, at most 64 characters), an optional DeviceName, and Packets and Bytes that are not negative.");
            }

            result[(name, device)] = (counter.Packets, counter.Bytes);
        }

        return result;
    }
}
