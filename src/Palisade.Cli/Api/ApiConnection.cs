using Palisade.Cli.Output;

namespace Palisade.Cli.Api;

/// <summary>Where and as whom an API command talks, and how it prints the answer; resolved from the global options.</summary>
internal sealed record ApiConnection(Uri Server, string? Token, OutputFormat Output);
