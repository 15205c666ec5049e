using System.CommandLine;
using Palisade.Cli.Output;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;

namespace Palisade.Cli.Commands;

/// <summary>`palisade sg authorize|authorize-egress|revoke|revoke-egress|modify-rule`: one rule per call.</summary>
internal static class RuleCommands
{
    public static IEnumerable<Command> Create(ApiCommandRunner runner) =>
    [
        Authorize(runner, "authorize", ApiActions.AuthorizeSecurityGroup,
            "Add an inbound rule (idempotent: an identical rule is not added twice).",
            "./palisade sg authorize --security-group-id sg-0a1b2c3d4e5f --ip-protocol tcp --port-range 22/22 --source-cidr-ip 203.0.113.7/32 --priority 1",
            "./palisade sg authorize --security-group-id sg-0a1b2c3d4e5f --ip-protocol tcp --port-range 22/22 --source-cidr-ip 0.0.0.0/0 --policy drop --priority 2"),
        Authorize(runner, "authorize-egress", ApiActions.AuthorizeSecurityGroupEgress,
            "Add an outbound rule; the remote end is --dest-cidr-ip, --ipv6-dest-cidr-ip, --dest-group-id or --dest-prefix-list-id.",
            "./palisade sg authorize-egress --security-group-id sg-0a1b2c3d4e5f --ip-protocol tcp --port-range 25/25 --dest-cidr-ip 0.0.0.0/0 --policy drop"),
        Revoke(runner, "revoke", ApiActions.RevokeSecurityGroup,
            "Remove inbound rules by id, or the rule matching the given fields (revoking a missing rule succeeds).",
            "./palisade sg revoke --security-group-id sg-0a1b2c3d4e5f --security-group-rule-id sgr-0a1b2c3d4e5f",
            "./palisade sg revoke --security-group-id sg-0a1b2c3d4e5f --ip-protocol tcp --port-range 22/22 --source-cidr-ip 0.0.0.0/0 --policy drop --priority 2"),
        Revoke(runner, "revoke-egress", ApiActions.RevokeSecurityGroupEgress,
            "Remove outbound rules by id, or the rule matching the given fields.",
            "./palisade sg revoke-egress --security-group-id sg-0a1b2c3d4e5f --security-group-rule-id sgr-0a1b2c3d4e5f"),
        ModifyRule(runner),
    ];

    private static Command Authorize(ApiCommandRunner runner, string name, string action, string description, params string[] examples)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var rule = new RuleOptions();
        var command = new ExampleCommand(name, description, examples) { region, id };
        rule.AddTo(command);
        runner.Bind<AuthorizeSecurityGroupRequest, AuthorizeSecurityGroupResponse>(command, action,
            parse => rule.Fill(parse, new AuthorizeSecurityGroupRequest { RegionId = parse.GetValue(region), SecurityGroupId = parse.GetValue(id) }),
            SecurityGroupTables.Authorized);
        return command;
    }

    private static Command Revoke(ApiCommandRunner runner, string name, string action, string description, params string[] examples)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var ruleIds = CliOptions.Repeatable("--security-group-rule-id", "A rule to remove, by id (repeat the option for several).", "ID");
        var rule = new RuleOptions();
        var command = new ExampleCommand(name, description, examples) { region, id, ruleIds };
        rule.AddTo(command);
        runner.Bind<RevokeSecurityGroupRequest, ApiResponse>(command, action,
            parse => rule.Fill(parse, new RevokeSecurityGroupRequest
            {
                RegionId = parse.GetValue(region),
                SecurityGroupId = parse.GetValue(id),
                SecurityGroupRuleId = CliOptions.ListOrNull(parse.GetValue(ruleIds)),
            }),
            (_, console) => Tables.Line(console, "Revoked."));
        return command;
    }

    private static Command ModifyRule(ApiCommandRunner runner)
    {
        var region = CliOptions.RegionId();
        var id = CliOptions.SecurityGroupId();
        var ruleId = CliOptions.Text("--security-group-rule-id", "The rule to change.", "ID", required: true);
        var rule = new RuleOptions();
        var command = new ExampleCommand(
            "modify-rule",
            "Change a rule in place, keeping its id and hit count; options left out keep their values.",
            "./palisade sg modify-rule --security-group-id sg-0a1b2c3d4e5f --security-group-rule-id sgr-0a1b2c3d4e5f --priority 5")
        {
            region, id, ruleId,
        };
        rule.AddTo(command);
        runner.Bind<ModifySecurityGroupRuleRequest, ApiResponse>(command, ApiActions.ModifySecurityGroupRule,
            parse => rule.Fill(parse, new ModifySecurityGroupRuleRequest
            {
                RegionId = parse.GetValue(region),
                SecurityGroupId = parse.GetValue(id),
                SecurityGroupRuleId = parse.GetValue(ruleId),
            }),
            (_, console) => Tables.Line(console, "Rule changed."));
        return command;
    }
}
