using System.Globalization;
using System.Net;
using Palisade.Contracts.Analysis;
using Palisade.Core;
using Palisade.SecurityGroups.Analysis;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Application;

/// <summary>
/// Questions about an instance, answered by the domain on its current desired policy — the same one its agent
/// compiles to nftables: "would this packet get through?" (<see cref="PolicyEvaluator"/>), "who can reach
/// tcp/22?" (<see cref="ReachabilityAnalyzer"/>), "what is exposed to the internet?" (<see cref="ExposureAnalyzer"/>)
/// and "which rules never apply?" (<see cref="AnomalyAnalyzer"/>).
/// </summary>
/// <remarks>
/// The server does not know an agent's management allowance (it is the agent's own setting), so answers leave it
/// out: they describe what the security groups decide.
/// </remarks>
internal sealed class InstanceAnalysisService(ConfigurationStore store, InstancePolicyBuilder builder)
{
    public async Task<CheckInstanceAccessResponse> CheckAccessAsync(CheckInstanceAccessRequest request, CancellationToken cancellationToken)
    {
        var (policy, nic) = await LoadAsync(request.InstanceId, request.NetworkInterfaceId, cancellationToken).ConfigureAwait(false);
        var errors = new List<ValidationError>();

        var direction = Direction.Ingress;
        if (!RequestFields.IsBlank(request.Direction) && !ModelNames.TryParseDirection(request.Direction, out direction))
        {
            errors.Add(new(ErrorCodes.ParameterMalformed, "Direction", request.Direction, $"Direction '{RequestFields.Shorten(request.Direction)}' is not accepted: use ingress (the default) or egress."));
        }

        var protocol = IpProtocol.Tcp;
        if (!RequestFields.IsBlank(request.IpProtocol) && (!IpProtocols.TryParse(request.IpProtocol, out protocol) || protocol == IpProtocol.All))
        {
            errors.Add(new(ErrorCodes.IpProtocolMalformed, "IpProtocol", request.IpProtocol,
                $"IpProtocol '{RequestFields.Shorten(request.IpProtocol)}' is not accepted: a packet has one protocol, use tcp (the default), udp, icmp, icmpv6 or gre."));
        }

        var port = ParsePort(request.Port, "Port", required: protocol.HasPorts(), errors);
        var sourcePort = ParsePort(request.SourcePort, "SourcePort", required: false, errors);
        var remoteField = direction == Direction.Ingress ? "SourceIp" : "DestIp";
        var localField = direction == Direction.Ingress ? "DestIp" : "SourceIp";
        var remote = ParseAddress(direction == Direction.Ingress ? request.SourceIp : request.DestIp, remoteField, required: true, errors);
        var local = ParseAddress(direction == Direction.Ingress ? request.DestIp : request.SourceIp, localField, required: false, errors);
        if (remote is not null && local is not null && remote.AddressFamily != local.AddressFamily)
        {
            errors.Add(new(ErrorCodes.ParameterConflict, localField, local.ToString(), $"{localField} {local} and {remoteField} {remote} are of different address families."));
        }

        RequestFields.Throw(errors);
        local ??= nic.Addresses.Where(a => a.Family == IpAddressNumber.ToNumber(remote!).Family).Select(a => a.NetworkAddress).FirstOrDefault()
            ?? (remote!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any);

        var protocolNumber = ProtocolNumber(protocol);
        var packet = direction == Direction.Ingress
            ? PacketQuery.Create(direction, protocolNumber, remote!, local, sourcePort ?? 0, port ?? 0, nic.DeviceName)
            : PacketQuery.Create(direction, protocolNumber, local, remote!, sourcePort ?? 0, port ?? 0, nic.DeviceName);
        var decision = PolicyEvaluator.Create(policy).Evaluate(packet);
        var rule = decision.SecurityGroupRuleId is { } ruleId
            ? policy.SecurityGroups.SelectMany(g => g.Rules).FirstOrDefault(r => r.SecurityGroupRuleId == ruleId)
            : null;
        return new CheckInstanceAccessResponse
        {
            Verdict = decision.Verdict == Verdict.Accept ? "accept" : "drop",
            DecidedBy = decision.DecidedBy.ToString(),
            SecurityGroupId = decision.SecurityGroupId,
            SecurityGroupRuleId = decision.SecurityGroupRuleId,
            Priority = decision.Priority,
            Policy = rule?.Policy.ToCanonical(),
            RuleDescription = rule?.Description,
            NetworkInterfaceId = nic.NetworkInterfaceId,
            DeviceName = nic.DeviceName,
            Explanation = decision.Explain(),
        };
    }

    public async Task<DescribeEffectiveAccessResponse> DescribeEffectiveAccessAsync(DescribeEffectiveAccessRequest request, CancellationToken cancellationToken)
    {
        var (policy, nic) = await LoadAsync(request.InstanceId, request.NetworkInterfaceId, cancellationToken).ConfigureAwait(false);
        var errors = new List<ValidationError>();
        var protocol = IpProtocol.Tcp;
        if (!RequestFields.IsBlank(request.IpProtocol) && (!IpProtocols.TryParse(request.IpProtocol, out protocol) || protocol == IpProtocol.All))
        {
            errors.Add(new(ErrorCodes.IpProtocolMalformed, "IpProtocol", request.IpProtocol,
                $"IpProtocol '{RequestFields.Shorten(request.IpProtocol)}' is not accepted: use tcp (the default), udp, icmp, icmpv6 or gre."));
        }

        var port = ParsePort(request.Port, "Port", required: protocol.HasPorts(), errors);
        RequestFields.Throw(errors);

        var effective = EffectivePolicyBuilder.Build(policy);
        var result = ReachabilityAnalyzer.Analyze(effective,
            new ReachabilityQuery { Direction = Direction.Ingress, Protocol = ProtocolNumber(protocol), Port = port }, nic.DeviceName);
        return new DescribeEffectiveAccessResponse
        {
            InstanceId = policy.InstanceId,
            NetworkInterfaceId = nic.NetworkInterfaceId,
            IpProtocol = protocol.ToCanonical(),
            Port = port,
            OpenToEveryone = result.OpenToEveryone,
            Allowed = [.. result.Allowed.Select(range => new AccessRange
            {
                Cidrs = [.. range.ToCidrs().Select(c => c.ToString())],
                First = IpAddressNumber.ToAddress(range.Range.Family, range.Range.First).ToString(),
                Last = IpAddressNumber.ToAddress(range.Range.Family, range.Range.Last).ToString(),
                DecidedBy = range.DecidedBy.ToString(),
                SecurityGroupId = range.SecurityGroupId,
                SecurityGroupRuleId = range.SecurityGroupRuleId,
            })],
        };
    }

    public async Task<DescribeInstanceRisksResponse> DescribeRisksAsync(DescribeInstanceRisksRequest request, CancellationToken cancellationToken)
    {
        var instanceId = RequestFields.RequiredId(request.InstanceId, "InstanceId", ResourceIds.InstancePrefix, ErrorCodes.InstanceNotFound);
        var revision = await store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        var policy = await builder.BuildAsync(instanceId, revision, cancellationToken).ConfigureAwait(false)
            ?? throw new ValidationException(ErrorCodes.InstanceNotFound, "InstanceId", instanceId, $"Instance {instanceId} does not exist.");
        var effective = EffectivePolicyBuilder.Build(policy);
        var findings = ExposureAnalyzer.Analyze(effective);
        var anomalies = AnomalyAnalyzer.Analyze(effective);
        return new DescribeInstanceRisksResponse
        {
            InstanceId = instanceId,
            Risks = [.. findings.Select(f => new ExposureRisk
            {
                Severity = f.Severity.ToString().ToLowerInvariant(),
                NetworkInterfaceId = f.NetworkInterfaceId,
                IpProtocol = f.IpProtocol,
                Port = f.Port,
                Service = f.Service,
                ReachableFrom = f.ReachableFrom,
                SecurityGroupRuleIds = [.. f.SecurityGroupRuleIds],
                Explanation = f.Explanation,
            })],
            Anomalies = [.. anomalies.Select(a => new RuleAnomaly
            {
                Type = a.Type.ToString(),
                NetworkInterfaceId = a.NetworkInterfaceId,
                Direction = a.Direction.ToCanonical(),
                SecurityGroupRuleId = a.SecurityGroupRuleId,
                OtherSecurityGroupRuleId = a.OtherSecurityGroupRuleId,
                Explanation = a.Explanation,
            })],
        };
    }

    /// <summary>The instance's policy and the NIC a question is about (the primary one unless named).</summary>
    public async Task<(InstancePolicy Policy, NicPolicy Nic)> LoadAsync(string? instanceIdText, string? nicIdText, CancellationToken cancellationToken)
    {
        var instanceId = RequestFields.RequiredId(instanceIdText, "InstanceId", ResourceIds.InstancePrefix, ErrorCodes.InstanceNotFound);
        var revision = await store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        var policy = await builder.BuildAsync(instanceId, revision, cancellationToken).ConfigureAwait(false)
            ?? throw new ValidationException(ErrorCodes.InstanceNotFound, "InstanceId", instanceId, $"Instance {instanceId} does not exist.");
        NicPolicy? nic;
        if (RequestFields.IsBlank(nicIdText))
        {
            nic = policy.Nics.FirstOrDefault() ?? throw new ValidationException(ErrorCodes.NetworkInterfaceNotFound, "NetworkInterfaceId", null,
                $"Instance {instanceId} has no network interface: its agent has not reported any.");
        }
        else
        {
            var nicId = nicIdText!.Trim();
            nic = policy.Nics.FirstOrDefault(n => n.NetworkInterfaceId == nicId) ?? throw new ValidationException(ErrorCodes.NetworkInterfaceNotFound,
                "NetworkInterfaceId", RequestFields.Shorten(nicId), $"Network interface {RequestFields.Shorten(nicId)} is not a network interface of instance {instanceId}.");
        }

        return (policy, nic);
    }

    private static byte ProtocolNumber(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => IpProtocols.TcpNumber,
        IpProtocol.Udp => IpProtocols.UdpNumber,
        IpProtocol.Icmp => IpProtocols.IcmpNumber,
        IpProtocol.Icmpv6 => IpProtocols.Icmpv6Number,
        _ => IpProtocols.GreNumber,
    };

    private static int? ParsePort(string? text, string field, bool required, List<ValidationError> errors)
    {
        if (RequestFields.IsBlank(text))
        {
            if (required)
            {
                errors.Add(new(ErrorCodes.MissingParameter, field, text, $"{field} is required for tcp and udp: give a port from 1 to 65535."));
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add(new(ErrorCodes.ParameterMalformed, field, RequestFields.Shorten(text), $"{field} '{RequestFields.Shorten(text)}' is not accepted: give a port from 1 to 65535."));
            return null;
        }

        return port;
    }

    private static IPAddress? ParseAddress(string? text, string field, bool required, List<ValidationError> errors)
    {
        if (RequestFields.IsBlank(text))
        {
            if (required)
            {
                errors.Add(new(ErrorCodes.MissingParameter, field, text, $"{field} is required: give the remote end's address, such as 203.0.113.7."));
            }

            return null;
        }

        if (NicAddresses.TryParse(text) is { PrefixLength: 32 or 128 } parsed)
        {
            return parsed.Address;
        }

        errors.Add(new(ErrorCodes.ParameterMalformed, field, RequestFields.Shorten(text), $"{field} '{RequestFields.Shorten(text)}' is not accepted: give one IPv4 or IPv6 address, such as 203.0.113.7."));
        return null;
    }
}
