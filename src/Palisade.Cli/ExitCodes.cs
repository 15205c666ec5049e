namespace Palisade.Cli;

/// <summary>
/// The process exit codes, part of the CLI's contract with scripts (documented in --help and docs/cli.md).
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server answered and refused the request; its error code is printed.</summary>
    public const int ApiRefused = 1;

    /// <summary>`waf conformance` found a failure that is not in the baseline (or CRS did not load).</summary>
    public const int TestsFailed = 1;

    /// <summary>Bad or missing arguments: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, did not answer as a Palisade API, or refused the token.</summary>
    public const int Unreachable = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the command finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
