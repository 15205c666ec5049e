using Palisade.Core;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.SecurityGroups.Tests.Validation;

public sealed class RuleValidatorTests
{
    private static readonly RuleDraft SshFromOneAddress = new()
    {
        Direction = Direction.Ingress,
        IpProtocol = "tcp",
        PortRange = "22/22",
        SourceCidrIp = "198.51.100.7",
    };

    private static readonly RuleDraft HttpsToAnywhere = new()
    {
        Direction = Direction.Egress,
        IpProtocol = "tcp",
        PortRange = "443/443",
        DestCidrIp = "0.0.0.0/0",
    };

    // ---- valid rules ----

    [Fact]
    public void Validate_MinimalIngressRule_DefaultsFilledIn()
    {
        var result = RuleValidator.Validate(SshFromOneAddress);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var rule = result.Rule!;
        Assert.Equal(Direction.Ingress, rule.Direction);
        Assert.Equal(RulePolicy.Accept, rule.Policy);
        Assert.Equal(1, rule.Priority);
        Assert.Equal(IpProtocol.Tcp, rule.IpProtocol);
        Assert.Equal(PortRange.Single(22), rule.PortRange);
        Assert.Null(rule.SourcePortRange);
        Assert.Equal(RulePeer.ForCidr(Cidr.Parse("198.51.100.7/32")), rule.Peer);
        Assert.Null(rule.LocalCidr);
        Assert.Equal(NicType.Intranet, rule.NicType);
        Assert.Equal("", rule.Description);
    }

    [Fact]
    public void Validate_EveryFieldInOddCase_CanonicalRule()
    {
        var result = RuleValidator.Validate(new RuleDraft
        {
            Direction = Direction.Ingress,
            Policy = " DROP ",
            Priority = "100",
            IpProtocol = "UDP",
            PortRange = " 53/53 ",
            SourcePortRange = "1024/65535",
            SourceCidrIp = "10.1.2.3/16",
            DestCidrIp = "10.0.0.10",
            NicType = "Internet",
            Description = "DNS from the LAN",
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var rule = result.Rule!;
        Assert.Equal(RulePolicy.Drop, rule.Policy);
        Assert.Equal(100, rule.Priority);
        Assert.Equal(IpProtocol.Udp, rule.IpProtocol);
        Assert.Equal("53/53", rule.PortRange.ToString());
        Assert.Equal("1024/65535", rule.SourcePortRange.ToString());
        Assert.Equal("10.1.0.0/16", rule.Peer.ToString());
        Assert.Equal(Cidr.Parse("10.0.0.10/32"), rule.LocalCidr);
        Assert.Equal(NicType.Internet, rule.NicType);
        Assert.Equal("DNS from the LAN", rule.Description);
    }

    [Theory]
    [InlineData("tcp", "22/22", IpProtocol.Tcp)]
    [InlineData("udp", "1/65535", IpProtocol.Udp)]
    [InlineData("icmp", "-1/-1", IpProtocol.Icmp)]
    [InlineData("gre", "-1/-1", IpProtocol.Gre)]
    [InlineData("all", "-1/-1", IpProtocol.All)]
    [InlineData("icmp", null, IpProtocol.Icmp)]
    [InlineData("all", "", IpProtocol.All)]
    public void Validate_EveryProtocolIngressIPv4_Valid(string protocol, string? ports, IpProtocol expected)
    {
        var result = RuleValidator.Validate(new RuleDraft { Direction = Direction.Ingress, IpProtocol = protocol, PortRange = ports, SourceCidrIp = "0.0.0.0/0" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Rule!.IpProtocol);
        Assert.Equal(expected.HasPorts(), !result.Rule.PortRange.IsAny);
    }

    [Theory]
    [InlineData("tcp", "22/22", IpProtocol.Tcp)]
    [InlineData("udp", "53/53", IpProtocol.Udp)]
    [InlineData("icmpv6", "-1/-1", IpProtocol.Icmpv6)]
    [InlineData("gre", "-1/-1", IpProtocol.Gre)]
    [InlineData("all", "-1/-1", IpProtocol.All)]
    public void Validate_EveryProtocolEgressIPv6_Valid(string protocol, string ports, IpProtocol expected)
    {
        var result = RuleValidator.Validate(new RuleDraft { Direction = Direction.Egress, IpProtocol = protocol, PortRange = ports, Ipv6DestCidrIp = "2001:db8::/32" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Rule!.IpProtocol);
        Assert.Equal(Direction.Egress, result.Rule.Direction);
        Assert.Equal(RulePeer.ForCidr(Cidr.Parse("2001:db8::/32")), result.Rule.Peer);
    }

    [Fact]
    public void Validate_EgressRule_PeerIsDestinationAndLocalIsSource()
    {
        var result = RuleValidator.Validate(HttpsToAnywhere with { SourceCidrIp = "10.0.0.10/32" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(RulePeer.ForCidr(Cidr.AnyIPv4), result.Rule!.Peer);
        Assert.Equal(Cidr.Parse("10.0.0.10/32"), result.Rule.LocalCidr);
    }

    [Fact]
    public void Validate_GroupAndPrefixListPeers_Valid()
    {
        var group = RuleValidator.Validate(SshFromOneAddress with { SourceCidrIp = null, SourceGroupId = " sg-web1 " });
        var list = RuleValidator.Validate(HttpsToAnywhere with { DestCidrIp = null, DestPrefixListId = "pl-cdn" });

        Assert.Equal(RulePeer.ForGroup("sg-web1"), group.Rule!.Peer);
        Assert.Equal(RulePeer.ForPrefixList("pl-cdn"), list.Rule!.Peer);
    }

    [Fact]
    public void Validate_SourcePortRangeAny_StoredAsNoSourcePortRange()
    {
        var result = RuleValidator.Validate(SshFromOneAddress with { SourcePortRange = "-1/-1" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.Rule!.SourcePortRange);
    }

    [Fact]
    public void Validate_DescriptionOfExactlyMaxLength_Valid()
    {
        var result = RuleValidator.Validate(SshFromOneAddress with { Description = new string('d', RuleValidator.MaxDescriptionLength) });

        Assert.True(result.IsValid);
    }

    // ---- every error code, with field and value ----

    [Theory]
    [InlineData("allow")]
    [InlineData("deny")]
    [InlineData("1")]
    public void Validate_UnknownPolicy_PolicyMalformed(string policy)
    {
        AssertSingleError(SshFromOneAddress with { Policy = policy }, ErrorCodes.PolicyMalformed, "Policy", policy, "accept or drop");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("high")]
    [InlineData("99999999999")]
    public void Validate_PriorityOutOfRange_PriorityMalformed(string priority)
    {
        AssertSingleError(SshFromOneAddress with { Priority = priority }, ErrorCodes.PriorityMalformed, "Priority", priority, "1 to 100");
    }

    [Fact]
    public void Validate_MissingProtocol_MissingParameter()
    {
        AssertSingleError(SshFromOneAddress with { IpProtocol = null, PortRange = null }, ErrorCodes.MissingParameter, "IpProtocol", null, "tcp, udp, icmp, icmpv6, gre or all");
    }

    [Theory]
    [InlineData("sctp")]
    [InlineData("6")]
    [InlineData("tcp/udp")]
    public void Validate_UnknownProtocol_IpProtocolMalformed(string protocol)
    {
        AssertSingleError(SshFromOneAddress with { IpProtocol = protocol, PortRange = null }, ErrorCodes.IpProtocolMalformed, "IpProtocol", protocol, "tcp, udp, icmp, icmpv6, gre or all");
    }

    [Fact]
    public void Validate_IcmpWithIPv6Source_IpProtocolValueNotSupported()
    {
        var draft = new RuleDraft { Direction = Direction.Ingress, IpProtocol = "icmp", PortRange = "-1/-1", Ipv6SourceCidrIp = "::/0" };

        AssertSingleError(draft, ErrorCodes.IpProtocolValueNotSupported, "IpProtocol", "icmp", "icmpv6");
    }

    [Fact]
    public void Validate_Icmpv6WithIPv4Destination_IpProtocolValueNotSupported()
    {
        var draft = new RuleDraft { Direction = Direction.Egress, IpProtocol = "icmpv6", PortRange = "-1/-1", DestCidrIp = "0.0.0.0/0" };

        AssertSingleError(draft, ErrorCodes.IpProtocolValueNotSupported, "IpProtocol", "icmpv6", "use icmp");
    }

    [Theory]
    [InlineData("200/1")]
    [InlineData("0/5")]
    [InlineData("1/65536")]
    [InlineData("22-23")]
    [InlineData("ssh")]
    public void Validate_MalformedPortRange_PortRangeMalformed(string ports)
    {
        AssertSingleError(SshFromOneAddress with { PortRange = ports }, ErrorCodes.PortRangeMalformed, "PortRange", ports, "start/end");
    }

    [Fact]
    public void Validate_TcpWithoutPortRange_PortRangeMalformedAsRequired()
    {
        AssertSingleError(SshFromOneAddress with { PortRange = " " }, ErrorCodes.PortRangeMalformed, "PortRange", " ", "required for tcp");
    }

    [Fact]
    public void Validate_MalformedSourcePortRange_SourcePortRangeMalformed()
    {
        AssertSingleError(SshFromOneAddress with { SourcePortRange = "9/1" }, ErrorCodes.SourcePortRangeMalformed, "SourcePortRange", "9/1", "start/end");
    }

    [Theory]
    [InlineData("tcp", "-1/-1", "PortRange", "a range of ports")]
    [InlineData("udp", "-1/-1", "PortRange", "a range of ports")]
    [InlineData("icmp", "22/22", "PortRange", "-1/-1")]
    [InlineData("gre", "1/65535", "PortRange", "-1/-1")]
    [InlineData("all", "80/80", "PortRange", "-1/-1")]
    public void Validate_PortRangeThatDoesNotFitTheProtocol_OperationDenied(string protocol, string ports, string field, string accepted)
    {
        var draft = new RuleDraft { Direction = Direction.Ingress, IpProtocol = protocol, PortRange = ports, SourceCidrIp = "0.0.0.0/0" };

        AssertSingleError(draft, ErrorCodes.OperationDenied, field, ports, accepted);
    }

    [Fact]
    public void Validate_SourcePortsOnIcmp_OperationDenied()
    {
        var draft = new RuleDraft { Direction = Direction.Ingress, IpProtocol = "icmp", PortRange = "-1/-1", SourcePortRange = "1/2", SourceCidrIp = "0.0.0.0/0" };

        AssertSingleError(draft, ErrorCodes.OperationDenied, "SourcePortRange", "1/2", "-1/-1");
    }

    [Fact]
    public void Validate_UnknownNicType_NicTypeValueNotSupported()
    {
        AssertSingleError(SshFromOneAddress with { NicType = "dmz" }, ErrorCodes.NicTypeValueNotSupported, "NicType", "dmz", "intranet (default) or internet");
    }

    [Fact]
    public void Validate_GroupPeerOnInternetNic_NicTypeValueNotSupported()
    {
        var draft = SshFromOneAddress with { SourceCidrIp = null, SourceGroupId = "sg-web", NicType = "internet" };

        AssertSingleError(draft, ErrorCodes.NicTypeValueNotSupported, "NicType", "internet", "intranet NICs only");
    }

    [Fact]
    public void Validate_DescriptionTooLong_DescriptionMalformedWithShortenedValue()
    {
        var description = new string('d', RuleValidator.MaxDescriptionLength + 1);

        var error = AssertSingleError(SshFromOneAddress with { Description = description }, ErrorCodes.DescriptionMalformed, "Description", null, "at most 512 characters");

        Assert.Equal(64, error.Value!.Length);
        Assert.EndsWith("...", error.Value, StringComparison.Ordinal);
        Assert.Contains("it has 513", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DescriptionWithControlCharacter_DescriptionMalformed()
    {
        AssertSingleError(SshFromOneAddress with { Description = "line\nbreak" }, ErrorCodes.DescriptionMalformed, "Description", "line\nbreak", "without control characters", valueInMessage: false);
    }

    [Fact]
    public void Validate_IngressWithoutSource_MissingSource()
    {
        AssertSingleError(SshFromOneAddress with { SourceCidrIp = null }, ErrorCodes.MissingSource, "source", null, "SourceCidrIp, Ipv6SourceCidrIp, SourceGroupId, SourcePrefixListId");
    }

    [Fact]
    public void Validate_EgressWithoutDestination_MissingDestination()
    {
        AssertSingleError(HttpsToAnywhere with { DestCidrIp = "" }, ErrorCodes.MissingDestination, "destination", null, "DestCidrIp, Ipv6DestCidrIp, DestGroupId, DestPrefixListId");
    }

    [Fact]
    public void Validate_TwoSources_ParameterConflictOnTheSecond()
    {
        AssertSingleError(SshFromOneAddress with { SourceGroupId = "sg-web" }, ErrorCodes.ParameterConflict, "SourceGroupId", "sg-web", "exactly one source", valueInMessage: false);
    }

    [Fact]
    public void Validate_DestGroupOnIngressRule_ParameterConflict()
    {
        AssertSingleError(SshFromOneAddress with { DestGroupId = "sg-web" }, ErrorCodes.ParameterConflict, "DestGroupId", "sg-web", "cannot be used on an ingress rule", valueInMessage: false);
    }

    [Fact]
    public void Validate_SourcePrefixListOnEgressRule_ParameterConflict()
    {
        AssertSingleError(HttpsToAnywhere with { SourcePrefixListId = "pl-x" }, ErrorCodes.ParameterConflict, "SourcePrefixListId", "pl-x", "cannot be used on an egress rule", valueInMessage: false);
    }

    [Fact]
    public void Validate_TwoLocalBlocks_ParameterConflict()
    {
        AssertSingleError(SshFromOneAddress with { DestCidrIp = "10.0.0.10", Ipv6DestCidrIp = "fd00::10" }, ErrorCodes.ParameterConflict, "Ipv6DestCidrIp", "fd00::10", "one block", valueInMessage: false);
    }

    [Fact]
    public void Validate_PeerAndLocalOfDifferentFamilies_ParameterConflictOnLocal()
    {
        var draft = SshFromOneAddress with { SourceCidrIp = null, Ipv6SourceCidrIp = "2001:db8::/32", DestCidrIp = "10.0.0.10" };

        AssertSingleError(draft, ErrorCodes.ParameterConflict, "DestCidrIp", "10.0.0.10/32", "one family");
    }

    [Theory]
    [InlineData("SourceCidrIp", "10.0.0.0/33", "InvalidSourceCidrIp.Malformed", "IPv4 CIDR block")]
    [InlineData("SourceCidrIp", "010.0.0.1", "InvalidSourceCidrIp.Malformed", "IPv4 CIDR block")]
    [InlineData("SourceCidrIp", "2001:db8::/32", "InvalidSourceCidrIp.Malformed", "use Ipv6SourceCidrIp")]
    [InlineData("Ipv6SourceCidrIp", "10.0.0.0/8", "InvalidIpv6SourceCidrIp.Malformed", "use SourceCidrIp")]
    [InlineData("Ipv6SourceCidrIp", "2001:db8::/129", "InvalidIpv6SourceCidrIp.Malformed", "IPv6 CIDR block")]
    [InlineData("DestCidrIp", "10.0.0", "InvalidDestCidrIp.Malformed", "IPv4 CIDR block")]
    [InlineData("Ipv6DestCidrIp", "fd00::zz", "InvalidIpv6DestCidrIp.Malformed", "IPv6 CIDR block")]
    public void Validate_MalformedBlock_FieldSpecificCode(string field, string value, string code, string accepted)
    {
        var draft = field switch
        {
            "SourceCidrIp" => SshFromOneAddress with { SourceCidrIp = value },
            "Ipv6SourceCidrIp" => SshFromOneAddress with { SourceCidrIp = null, Ipv6SourceCidrIp = value },
            "DestCidrIp" => SshFromOneAddress with { DestCidrIp = value },
            _ => SshFromOneAddress with { SourceCidrIp = null, Ipv6SourceCidrIp = "::/0", Ipv6DestCidrIp = value },
        };

        AssertSingleError(draft, code, field, value, accepted);
    }

    [Fact]
    public void Validate_EgressMalformedBlocks_UseTheEgressFieldNames()
    {
        AssertSingleError(HttpsToAnywhere with { DestCidrIp = "x" }, ErrorCodes.DestCidrIpMalformed, "DestCidrIp", "x", "IPv4 CIDR block");
        AssertSingleError(HttpsToAnywhere with { SourceCidrIp = "y" }, ErrorCodes.SourceCidrIpMalformed, "SourceCidrIp", "y", "IPv4 CIDR block");
    }

    [Theory]
    [InlineData("web")]
    [InlineData("sg-")]
    [InlineData("sg-web!")]
    [InlineData("pl-web")]
    public void Validate_MalformedSourceGroupId_SecurityGroupIdMalformed(string id)
    {
        AssertSingleError(SshFromOneAddress with { SourceCidrIp = null, SourceGroupId = id }, ErrorCodes.SecurityGroupIdMalformed, "SourceGroupId", id, "sg-");
    }

    [Fact]
    public void Validate_MalformedDestGroupId_SecurityGroupIdMalformed()
    {
        AssertSingleError(HttpsToAnywhere with { DestCidrIp = null, DestGroupId = "group1" }, ErrorCodes.SecurityGroupIdMalformed, "DestGroupId", "group1", "sg-");
    }

    [Fact]
    public void Validate_MalformedPrefixListId_ParameterMalformed()
    {
        AssertSingleError(SshFromOneAddress with { SourceCidrIp = null, SourcePrefixListId = "sg-abc" }, ErrorCodes.ParameterMalformed, "SourcePrefixListId", "sg-abc", "pl-");
    }

    // ---- several errors at once ----

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryErrorAtOnce()
    {
        var result = RuleValidator.Validate(new RuleDraft
        {
            Direction = Direction.Ingress,
            Policy = "permit",
            Priority = "0",
            IpProtocol = "tcp",
            PortRange = "200/1",
            SourcePortRange = "0/5",
            SourceCidrIp = "300.1.1.1",
            DestGroupId = "sg-x",
            NicType = "public",
            Description = "tab\there",
        });

        Assert.False(result.IsValid);
        Assert.Null(result.Rule);
        Assert.Equal(
            [
                (ErrorCodes.PolicyMalformed, "Policy"), (ErrorCodes.PriorityMalformed, "Priority"),
                (ErrorCodes.PortRangeMalformed, "PortRange"), (ErrorCodes.SourcePortRangeMalformed, "SourcePortRange"),
                (ErrorCodes.NicTypeValueNotSupported, "NicType"), (ErrorCodes.DescriptionMalformed, "Description"),
                (ErrorCodes.SourceCidrIpMalformed, "SourceCidrIp"), (ErrorCodes.ParameterConflict, "DestGroupId"),
            ],
            result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void ValidateOrThrow_InvalidDraft_ThrowsWithEveryError()
    {
        var error = Assert.Throws<ValidationException>(() => RuleValidator.ValidateOrThrow(SshFromOneAddress with { Priority = "0", Policy = "x" }));

        Assert.Equal(ErrorCodes.PolicyMalformed, error.Code);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void ValidateOrThrow_ValidDraft_ReturnsTheRule()
    {
        Assert.Equal(IpProtocol.Tcp, RuleValidator.ValidateOrThrow(SshFromOneAddress).IpProtocol);
    }

    [Fact]
    public void Validate_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RuleValidator.Validate(null!));
    }

    /// <summary>
    /// Asserts the one error: its code, field and value, and a message that says what is accepted and — unless
    /// <paramref name="valueInMessage"/> is false (conflicts between fields name the fields; a bad description is not
    /// echoed) — quotes the value.
    /// </summary>
    private static ValidationError AssertSingleError(RuleDraft draft, string code, string field, string? value, string accepted, bool valueInMessage = true)
    {
        var result = RuleValidator.Validate(draft);

        Assert.False(result.IsValid);
        Assert.Null(result.Rule);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        if (value is not null)
        {
            Assert.Equal(value, error.Value);
            if (valueInMessage)
            {
                Assert.Contains(value.Trim(), error.Message, StringComparison.Ordinal);
            }
        }

        Assert.Contains(accepted, error.Message, StringComparison.Ordinal);
        return error;
    }
}
