using System.CommandLine;
using System.Text.Json;
using Palisade.Cli.Output;
using Palisade.Contracts;
using Palisade.Contracts.Common;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server;

namespace Palisade.Cli.Commands;

/// <summary>`palisade token create|list|delete`: API tokens for people, scripts and agents.</summary>
internal static class TokenCommands
{
    public static Command Create(ApiCommandRunner runner) =>
        new("token", "API tokens: what the CLI, scripts and agents authenticate with (admin, operator, read-only, agent).")
        {
            CreateToken(runner),
            List(runner),
            Delete(runner),
        };

    private static Command CreateToken(ApiCommandRunner runner)
    {
        var role = CliOptions.Text("--role",
            "admin (everything), operator (security groups, instances, prefix lists), read-only (describe and check only) or agent (the agent protocol only).",
            "ROLE", required: true);
        var description = CliOptions.Text("--description", "Who or what uses the token.", "TEXT");
        var data = CliOptions.Text("--data",
            "Create the token directly in the server's data directory, without a running server or an admin token (run on the server machine).",
            "DIR");
        var command = new ExampleCommand(
            "create",
            "Create a token; its secret is printed once. With --data it is written straight into the server's data directory (on the server machine; no running server or admin token needed), otherwise created through the API with an admin token.",
            "./palisade token create --role admin --data ./data",
            "./palisade token create --role agent --description web-1 --token \"$ADMIN_TOKEN\"")
        {
            role, description, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new CreateApiTokenRequest { Role = parse.GetValue(role), Description = parse.GetValue(description) };
            var directory = parse.GetValue(data);
            if (directory is null)
            {
                var connection = runner.Globals.Resolve(parse, runner.Context);
                var body = await ApiCommandRunner.SendAsync(connection, ApiActions.CreateApiToken, request, cancellationToken).ConfigureAwait(false);
                var response = ApiCommandRunner.Read<CreateApiTokenResponse>(body, connection, ApiActions.CreateApiToken);
                Print(runner, parse, response, body);
                return ExitCodes.Success;
            }

            var created = await CreateOfflineAsync(directory, request, cancellationToken).ConfigureAwait(false);
            var offline = new CreateApiTokenResponse { TokenId = created.TokenId, Role = created.Role, Token = created.Token };
            Print(runner, parse, offline, JsonSerializer.Serialize(offline, ApiJson.Options));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<CreatedToken> CreateOfflineAsync(string directory, CreateApiTokenRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw CliException.Usage("--data needs the server's data directory, e.g. --data ./data.");
        }

        try
        {
            return await ServerHost.CreateTokenOfflineAsync(directory, request.Role ?? "", request.Description, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            throw new CliException(ExitCodes.ApiRefused, $"{ex.Code}: {ex.Errors[0].Message}",
                [.. ex.Errors.Select(e => string.IsNullOrEmpty(e.Field) ? $"{e.Code}: {e.Message}" : $"{e.Field}: {e.Code}: {e.Message}")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                       or InvalidOperationException or System.Data.Common.DbException)
        {
            throw new CliException(ExitCodes.ApiRefused, $"cannot create the token in '{directory}': {ex.Message}");
        }
    }

    private static void Print(ApiCommandRunner runner, ParseResult parse, CreateApiTokenResponse token, string json)
    {
        if (runner.Globals.ResolveOutput(parse) == OutputFormat.Json)
        {
            JsonOutput.Write(runner.Context.Output, json);
            return;
        }

        var console = runner.Context.CreateConsole();
        Tables.Line(console, $"Created token {token.TokenId} with role {token.Role}. Its secret is shown only this once:");
        Tables.Line(console, token.Token);
    }

    private static Command List(ApiCommandRunner runner)
    {
        var command = new ExampleCommand(
            "list",
            "List API tokens (never their secrets; admin tokens only).",
            "./palisade token list");
        runner.Bind<object, DescribeApiTokensResponse>(command, ApiActions.DescribeApiTokens, _ => new { }, (response, console) =>
        {
            var table = Tables.Create("Token", "Role", "Description", "Created", "Last used");
            foreach (var token in response.Tokens)
            {
                Tables.AddRow(table, token.TokenId, token.Role, token.Description, token.CreationTime, token.LastUsedTime);
            }

            console.Write(table);
        });
        return command;
    }

    private static Command Delete(ApiCommandRunner runner)
    {
        var id = CliOptions.Text("--token-id", "The token to revoke, by id (see `palisade token list`).", "ID", required: true);
        var command = new ExampleCommand(
            "delete",
            "Revoke a token at once.",
            "./palisade token delete --token-id tok-0a1b2c3d4e5f") { id };
        runner.Bind<DeleteApiTokenRequest, ApiResponse>(command, ApiActions.DeleteApiToken,
            parse => new() { TokenId = parse.GetValue(id) },
            (_, console) => Tables.Line(console, "Deleted."));
        return command;
    }
}
