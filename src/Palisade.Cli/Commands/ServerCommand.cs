using System.CommandLine;
using Palisade.Server;

namespace Palisade.Cli.Commands;

/// <summary>`palisade server`: runs the control plane in the foreground until Ctrl+C or SIGTERM.</summary>
internal static class ServerCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new ServerOptions();
        var data = new Option<string>("--data")
        {
            Description = "The data directory: palisade.db (SQLite) and the keys that protect console cookies; created when missing.",
            HelpName = "DIR",
            DefaultValueFactory = _ => defaults.DataDirectory,
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated Kestrel URLs. Loopback by default: put a TLS proxy in front to expose it.",
            HelpName = "URL",
            DefaultValueFactory = _ => defaults.Urls,
        };
        var command = new ExampleCommand(
            "server",
            "Run the control plane (REST API, console, store) until Ctrl+C; prints the console address and, on first start, the admin login.",
            "./palisade server",
            $"{ServerOptions.AdminPasswordVariable}='a long passphrase' {ServerOptions.BootstrapTokenVariable}=pal_choose_a_secret ./palisade server --data /var/lib/palisade --urls http://0.0.0.0:8080")
        {
            data, urls,
        };
        command.SetAction((parse, cancellationToken) => ServerHost.RunAsync(new ServerOptions
        {
            DataDirectory = parse.GetValue(data) ?? defaults.DataDirectory,
            Urls = parse.GetValue(urls) ?? defaults.Urls,
            AdminPassword = context.GetEnvironment(ServerOptions.AdminPasswordVariable),
            BootstrapToken = context.GetEnvironment(ServerOptions.BootstrapTokenVariable),
            Output = context.Output,
        }, cancellationToken));
        return command;
    }
}
