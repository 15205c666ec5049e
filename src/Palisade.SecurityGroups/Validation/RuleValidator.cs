using System.Globalization;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Validation;

/// <summary>
/// Checks a rule draft against product.md §1 and reports every problem at once, each with the cloud's error code,
/// the field, the value and what is accepted. Existence of referenced groups and prefix lists, and quotas, need
/// the store and are checked by the server.
/// </summary>
public static class RuleValidator
{
    public const int MaxDescriptionLength = 512;
    public const int MinPriority = 1;
    public const int MaxPriority = 100;

    public static RuleValidationResult Validate(RuleDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<ValidationError>();

        var policy = RulePolicy.Accept;
        if (!IsBlank(draft.Policy) && !ModelNames.TryParsePolicy(draft.Policy, out policy))
        {
            errors.Add(new(ErrorCodes.PolicyMalformed, "Policy", draft.Policy,
                $"Policy '{draft.Policy}' is not accepted: use accept or drop."));
        }

        var priority = 1;
        if (!IsBlank(draft.Priority)
            && (!int.TryParse(draft.Priority, NumberStyles.None, CultureInfo.InvariantCulture, out priority)
                || priority < MinPriority || priority > MaxPriority))
        {
            errors.Add(new(ErrorCodes.PriorityMalformed, "Priority", draft.Priority,
                $"Priority '{draft.Priority}' is not accepted: use a whole number from {MinPriority} to {MaxPriority} (1 is evaluated first)."));
        }

        IpProtocol? protocol = null;
        if (IsBlank(draft.IpProtocol))
        {
            errors.Add(new(ErrorCodes.MissingParameter, "IpProtocol", draft.IpProtocol,
                "IpProtocol is required: use tcp, udp, icmp, icmpv6, gre or all."));
        }
        else if (IpProtocols.TryParse(draft.IpProtocol, out var parsedProtocol))
        {
            protocol = parsedProtocol;
        }
        else
        {
            errors.Add(new(ErrorCodes.IpProtocolMalformed, "IpProtocol", draft.IpProtocol,
                $"IpProtocol '{draft.IpProtocol}' is not accepted: use tcp, udp, icmp, icmpv6, gre or all."));
        }

        var portRange = ValidatePorts(draft.PortRange, "PortRange", ErrorCodes.PortRangeMalformed, protocol, required: true, errors);
        var sourcePortRange = ValidatePorts(draft.SourcePortRange, "SourcePortRange", ErrorCodes.SourcePortRangeMalformed, protocol, required: false, errors);

        var nicType = NicType.Intranet;
        if (!IsBlank(draft.NicType) && !ModelNames.TryParseNicType(draft.NicType, out nicType))
        {
            errors.Add(new(ErrorCodes.NicTypeValueNotSupported, "NicType", draft.NicType,
                $"NicType '{draft.NicType}' is not supported: use intranet (default) or internet."));
        }

        var description = draft.Description ?? "";
        if (description.Length > MaxDescriptionLength || description.Any(char.IsControl))
        {
            errors.Add(new(ErrorCodes.DescriptionMalformed, "Description", Shorten(description),
                $"Description is not accepted: use at most {MaxDescriptionLength} characters without control characters (it has {description.Length})."));
        }

        var sides = RuleSides.For(draft);
        var peer = ValidatePeer(sides, errors);
        var local = ValidateLocal(sides, errors);

        if (peer?.Cidr is { } peerCidr && local is { } localCidr && peerCidr.Family != localCidr.Family)
        {
            errors.Add(new(ErrorCodes.ParameterConflict, sides.LocalFieldOf(localCidr), localCidr.ToString(),
                $"{sides.LocalFieldOf(localCidr)} {localCidr} is {Describe(localCidr.Family)} but {sides.PeerFieldOf(peerCidr)} {peerCidr} is {Describe(peerCidr.Family)}: both ends of a rule must be of one family."));
        }

        if (protocol is { } p)
        {
            var family = peer?.Cidr?.Family ?? local?.Family;
            if (p == IpProtocol.Icmp && family == IpFamily.IPv6)
            {
                errors.Add(new(ErrorCodes.IpProtocolValueNotSupported, "IpProtocol", draft.IpProtocol,
                    "IpProtocol icmp matches IPv4 only: use icmpv6 with IPv6 addresses."));
            }
            else if (p == IpProtocol.Icmpv6 && family == IpFamily.IPv4)
            {
                errors.Add(new(ErrorCodes.IpProtocolValueNotSupported, "IpProtocol", draft.IpProtocol,
                    "IpProtocol icmpv6 matches IPv6 only: use icmp with IPv4 addresses."));
            }
        }

        if (peer?.Kind == RulePeerKind.SecurityGroup && nicType == NicType.Internet)
        {
            errors.Add(new(ErrorCodes.NicTypeValueNotSupported, "NicType", draft.NicType,
                $"NicType internet cannot be used with {sides.GroupField}: rules between security groups apply to intranet NICs only."));
        }

        if (errors.Count > 0 || protocol is null || peer is null)
        {
            return new RuleValidationResult(null, errors);
        }

        var rule = new SecurityGroupRule
        {
            SecurityGroupRuleId = "",
            Direction = draft.Direction,
            Policy = policy,
            Priority = priority,
            IpProtocol = protocol.Value,
            PortRange = portRange ?? PortRange.Any,
            SourcePortRange = sourcePortRange is { IsAny: false } ? sourcePortRange : null,
            Peer = peer,
            LocalCidr = local,
            NicType = nicType,
            Description = description,
        };
        return new RuleValidationResult(rule, errors);
    }

    /// <summary>Validates a draft and throws <see cref="ValidationException"/> with every error if it is invalid.</summary>
    public static SecurityGroupRule ValidateOrThrow(RuleDraft draft)
    {
        var result = Validate(draft);
        return result.IsValid ? result.Rule! : throw new ValidationException(result.Errors);
    }

    private static PortRange? ValidatePorts(
        string? text, string field, string malformedCode, IpProtocol? protocol, bool required, List<ValidationError> errors)
    {
        var hasPorts = protocol?.HasPorts() ?? false;
        if (IsBlank(text))
        {
            if (required && hasPorts)
            {
                errors.Add(new(malformedCode, field, text,
                    $"{field} is required for {protocol!.Value.ToCanonical()}: use start/end with ports 1-65535, such as 22/22 or 8000/8080."));
            }

            return null;
        }

        if (!Core.PortRange.TryParse(text, out var range))
        {
            errors.Add(new(malformedCode, field, text,
                $"{field} '{text}' is not accepted: use start/end with ports 1-65535 and start ≤ end (such as 22/22), or -1/-1 for icmp, icmpv6, gre and all."));
            return null;
        }

        if (protocol is { } p && hasPorts == range.IsAny && !(range.IsAny && !required))
        {
            var accepted = hasPorts ? "a range of ports 1-65535 such as 22/22" : "-1/-1";
            errors.Add(new(ErrorCodes.OperationDenied, field, text,
                $"{field} '{text}' does not fit IpProtocol {p.ToCanonical()}: use {accepted}."));
            return null;
        }

        return range;
    }

    private static RulePeer? ValidatePeer(RuleSides sides, List<ValidationError> errors)
    {
        var given = sides.PeerFields.Where(f => !IsBlank(f.Value)).ToList();
        if (given.Count == 0)
        {
            errors.Add(new(sides.MissingPeerCode, sides.PeerDescription, null,
                $"A{(sides.Direction == Direction.Ingress ? "n ingress" : "n egress")} rule needs a {sides.PeerDescription}: give one of {string.Join(", ", sides.PeerFields.Select(f => f.Name))}."));
            return null;
        }

        if (given.Count > 1)
        {
            errors.Add(new(ErrorCodes.ParameterConflict, given[1].Name, given[1].Value,
                $"{string.Join(" and ", given.Select(f => f.Name))} were both given: a rule has exactly one {sides.PeerDescription}."));
            return null;
        }

        var (name, value) = given[0];
        return name switch
        {
            _ when name == sides.GroupField => ValidateReference(name, value!, ResourceIds.SecurityGroupPrefix, ErrorCodes.SecurityGroupIdMalformed, RulePeer.ForGroup, errors),
            _ when name == sides.PrefixListField => ValidateReference(name, value!, ResourceIds.PrefixListPrefix, ErrorCodes.ParameterMalformed, RulePeer.ForPrefixList, errors),
            _ => ValidateCidr(name, value!, sides, errors) is { } cidr ? RulePeer.ForCidr(cidr) : null,
        };
    }

    private static Cidr? ValidateLocal(RuleSides sides, List<ValidationError> errors)
    {
        foreach (var (name, value) in sides.ForbiddenFields.Where(f => !IsBlank(f.Value)))
        {
            errors.Add(new(ErrorCodes.ParameterConflict, name, value,
                $"{name} cannot be used on an {sides.Direction.ToCanonical()} rule: the {sides.PeerDescription} is given by {string.Join(", ", sides.PeerFields.Select(f => f.Name))}."));
        }

        var given = sides.LocalFields.Where(f => !IsBlank(f.Value)).ToList();
        if (given.Count > 1)
        {
            errors.Add(new(ErrorCodes.ParameterConflict, given[1].Name, given[1].Value,
                $"{given[0].Name} and {given[1].Name} were both given: a rule narrows the instance side to one block."));
            return null;
        }

        return given.Count == 1 ? ValidateCidr(given[0].Name, given[0].Value!, sides, errors) : null;
    }

    private static Cidr? ValidateCidr(string field, string value, RuleSides sides, List<ValidationError> errors)
    {
        var wantsIPv6 = field.StartsWith("Ipv6", StringComparison.Ordinal);
        var code = RuleSides.MalformedCodeOf(field);
        if (!Cidr.TryParse(value, out var cidr))
        {
            errors.Add(new(code, field, value,
                $"{field} '{value}' is not accepted: use an {(wantsIPv6 ? "IPv6 CIDR block such as 2001:db8::/32" : "IPv4 CIDR block such as 192.0.2.0/24")} or a single address."));
            return null;
        }

        if ((cidr.Family == IpFamily.IPv6) != wantsIPv6)
        {
            var other = sides.SiblingField(field);
            errors.Add(new(code, field, value,
                $"{field} '{value}' is {Describe(cidr.Family)}: {field} takes {(wantsIPv6 ? "IPv6" : "IPv4")} blocks; use {other} for {Describe(cidr.Family)} blocks."));
            return null;
        }

        return cidr;
    }

    private static RulePeer? ValidateReference(
        string field, string value, string prefix, string code, Func<string, RulePeer> create, List<ValidationError> errors)
    {
        var trimmed = value.Trim();
        if (ResourceIds.IsWellFormed(trimmed, prefix))
        {
            return create(trimmed);
        }

        errors.Add(new(code, field, value,
            $"{field} '{value}' is not accepted: use an id of the form {prefix}… (letters and digits)."));
        return null;
    }

    private static string Describe(IpFamily family) => family == IpFamily.IPv4 ? "IPv4" : "IPv6";

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
