using System.CommandLine;
using Palisade.Cli.Api;
using Palisade.Cli.Output;

namespace Palisade.Cli.Commands;

/// <summary>
/// --server, --token and --output: given anywhere on the command line (they are recursive), falling back to
/// PALISADE_SERVER and PALISADE_TOKEN. The token never has a help-visible default, so --help cannot print it.
/// </summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public Option<string> Server { get; } = new("--server")
    {
        Description = $"The Palisade server's URL [default: ${CliContext.ServerVariable}, else {DefaultServer}].",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"The API token, sent as 'Authorization: Bearer <token>' [default: ${CliContext.TokenVariable}].",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Option<string> Output { get; } = CreateOutputOption();

    public void AddTo(Command root)
    {
        root.Add(Server);
        root.Add(Token);
        root.Add(Output);
    }

    /// <summary>The server URL from --server, PALISADE_SERVER or the default; a usage error when it is not http(s).</summary>
    public Uri ResolveServer(ParseResult parse, CliContext context)
    {
        var given = parse.GetValue(Server);
        var (text, source) = given is not null
            ? (given, "--server")
            : context.GetEnvironment(CliContext.ServerVariable) is { } fromEnvironment
                ? (fromEnvironment, CliContext.ServerVariable)
                : (DefaultServer, "the default server");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw CliException.Usage($"{source} '{text}' is not an http:// or https:// URL: give the server's address, e.g. {DefaultServer}.");
        }

        return uri;
    }

    /// <summary>The token from --token or PALISADE_TOKEN, or null; a usage error when it could not be sent as a header.</summary>
    public string? ResolveToken(ParseResult parse, CliContext context)
    {
        var given = parse.GetValue(Token);
        var (token, source) = given is not null ? (given, "--token") : (context.GetEnvironment(CliContext.TokenVariable), CliContext.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        token = token.Trim();
        foreach (var c in token)
        {
            // Visible ASCII only: anything else cannot travel in an HTTP header, and no Palisade token contains it.
            if (c is < '!' or > '~')
            {
                throw CliException.Usage($"{source} contains a character a token never has (U+{(int)c:X4}): tokens are visible ASCII, as printed by `palisade token create`.");
            }
        }

        return token;
    }

    public OutputFormat ResolveOutput(ParseResult parse) =>
        parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Table;

    public ApiConnection Resolve(ParseResult parse, CliContext context) =>
        new(ResolveServer(parse, context), ResolveToken(parse, context), ResolveOutput(parse));

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output")
        {
            Description = "table: tables for people; json: the API's response with its field names, nothing else on stdout.",
            HelpName = "table|json",
            Recursive = true,
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
