using System.Collections.Immutable;
using System.CommandLine;
using Palisade.Agent;
using Palisade.Core;

namespace Palisade.Cli.Commands;

/// <summary>`palisade agent`: runs the instance agent in the foreground (as root) until Ctrl+C or SIGTERM.</summary>
internal static class AgentCommand
{
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var instanceName = CliOptions.Text("--instance-name", "The instance's unique name on the server [default: the host name].", "NAME");
        var stateDirectory = new Option<string>("--state-dir")
        {
            Description = "Where the agent keeps the last good ruleset and its counters (mode 0700).",
            HelpName = "DIR",
            DefaultValueFactory = _ => AgentOptions.DefaultStateDirectory,
        };
        var managementCidrs = CliOptions.Repeatable("--management-cidr",
            "A network that can always reach the management ports, whatever the rules say, so a wrong rule cannot lock you out (repeatable).", "CIDR");
        var managementPorts = new Option<int[]>("--management-port")
        {
            Description = "A TCP port kept open to the management networks and the control plane (repeatable) [default: 22].",
            HelpName = "PORT",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new ExampleCommand(
            "agent",
            "Run the instance agent (as root): registers this server, enforces its security groups with nftables, reports hit counts.",
            "sudo ./palisade agent --server http://198.51.100.10:8080 --token pal_agent_token --instance-name web-1",
            $"sudo {CliContext.ServerVariable}=http://198.51.100.10:8080 {CliContext.TokenVariable}=pal_agent_token ./palisade agent --management-cidr 203.0.113.0/24 --management-port 22")
        {
            instanceName, stateDirectory, managementCidrs, managementPorts,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var token = globals.ResolveToken(parse, context)
                ?? throw CliException.Usage($"agent needs a token with role agent: pass --token or set {CliContext.TokenVariable} (`palisade token create --role agent` makes one).");
            var options = new AgentOptions
            {
                Server = globals.ResolveServer(parse, context),
                Token = token,
                InstanceName = parse.GetValue(instanceName),
                StateDirectory = parse.GetValue(stateDirectory) ?? AgentOptions.DefaultStateDirectory,
                ManagementSources = ParseCidrs(parse.GetValue(managementCidrs)),
                ErrorOutput = context.Error,
            };
            if (parse.GetValue(managementPorts) is { Length: > 0 } ports)
            {
                options = options with { ManagementPorts = [.. ports] };
            }

            var errors = AgentOptionsValidator.Validate(options);
            if (errors.Count > 0)
            {
                throw new CliException(ExitCodes.Usage, errors[0].Message, [.. errors.Skip(1).Select(e => e.Message)]);
            }

            return AgentHost.RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static ImmutableArray<Cidr> ParseCidrs(string[]? values)
    {
        var cidrs = ImmutableArray.CreateBuilder<Cidr>();
        foreach (var value in values ?? [])
        {
            if (!Cidr.TryParse(value, out var cidr))
            {
                throw CliException.Usage($"--management-cidr '{value}' is not a CIDR block: give one such as 198.51.100.0/24 or 2001:db8::/32.");
            }

            cidrs.Add(cidr);
        }

        return cidrs.ToImmutable();
    }
}
