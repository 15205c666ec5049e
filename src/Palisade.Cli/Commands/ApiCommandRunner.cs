using System.CommandLine;
using System.Text.Json;
using Palisade.Cli.Api;
using Palisade.Cli.Output;
using Palisade.Contracts;
using Spectre.Console;

namespace Palisade.Cli.Commands;

/// <summary>
/// What every API command does: resolve the connection, build the request from the options, call the action, then
/// print the response — verbatim JSON with --output json, otherwise the command's own table.
/// </summary>
internal sealed class ApiCommandRunner(CliContext context, GlobalOptions globals)
{
    public CliContext Context { get; } = context;

    public GlobalOptions Globals { get; } = globals;

    /// <summary>Makes <paramref name="command"/> call <paramref name="action"/> with the request built from its options.</summary>
    /// <remarks>
    /// <paramref name="ensure"/> may throw a <see cref="CliException"/> for an answer that is a failure to the user
    /// although the API succeeded (describe of an id that matched nothing), before anything is printed in either format.
    /// </remarks>
    public void Bind<TRequest, TResponse>(
        Command command, string action, Func<ParseResult, TRequest> buildRequest, Action<TResponse, IAnsiConsole> render,
        Action<ParseResult, TResponse>? ensure = null) =>
        command.SetAction((parse, cancellationToken) => CallAsync(parse, action, buildRequest(parse), render, ensure, cancellationToken));

    private async Task<int> CallAsync<TRequest, TResponse>(
        ParseResult parse, string action, TRequest request, Action<TResponse, IAnsiConsole> render, Action<ParseResult, TResponse>? ensure,
        CancellationToken cancellationToken)
    {
        var connection = Globals.Resolve(parse, Context);
        var body = await SendAsync(connection, action, request, cancellationToken).ConfigureAwait(false);
        var response = Read<TResponse>(body, connection, action);
        ensure?.Invoke(parse, response);
        if (connection.Output == OutputFormat.Json)
        {
            JsonOutput.Write(Context.Output, body);
            return ExitCodes.Success;
        }

        render(response, Context.CreateConsole());
        return ExitCodes.Success;
    }

    /// <summary>Calls an action and returns the raw response JSON, for commands that print something other than the response.</summary>
    public static async Task<string> SendAsync<TRequest>(ApiConnection connection, string action, TRequest request, CancellationToken cancellationToken)
    {
        using var client = new ApiClient(connection);
        return await client.PostAsync(action, request, cancellationToken).ConfigureAwait(false);
    }

    public static TResponse Read<TResponse>(string body, ApiConnection connection, string action)
    {
        try
        {
            return JsonSerializer.Deserialize<TResponse>(body, ApiJson.Options)
                ?? throw new JsonException("The response is null.");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Unreachable,
                $"the server at {connection.Server} answered {action} with a response this CLI cannot read ({ex.Message}): are the CLI and the server the same version?");
        }
    }
}
