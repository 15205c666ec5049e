using System.Globalization;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.Benchmarks.Nftables;

/// <summary>Options shared by <c>nft-apply</c> and <c>nft-kernel</c>.</summary>
internal sealed record NftBenchmarkOptions
{
    public int Rules { get; init; } = 10_000;

    /// <summary>Fewer repetitions and packets: a smoke run that proves the benchmark still works, in ~20 s.</summary>
    public bool Quick { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The compiler's <see cref="NftCompileOptions.SetThreshold"/>; null keeps its default (what the agent uses).</summary>
    public int? SetThreshold { get; init; }

    /// <summary>Where to write the generated scripts (ours and the peer's) for inspection; null writes nothing.</summary>
    public string? DumpDirectory { get; init; }

    public NftCompileOptions CompileOptions => SetThreshold is { } threshold ? new NftCompileOptions { SetThreshold = threshold } : new NftCompileOptions();

    /// <summary>Writes both scripts to <see cref="DumpDirectory"/>, if one was given.</summary>
    public void DumpScripts(string ours, string naive)
    {
        if (DumpDirectory is not { } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "ours.nft"), ours);
        File.WriteAllText(Path.Combine(directory, "naive.nft"), naive);
        Console.WriteLine($"scripts written to {Path.Combine(directory, "ours.nft")} and {Path.Combine(directory, "naive.nft")}");
    }

    /// <summary>Parses the options; an unknown or malformed option yields an error naming it and what is accepted.</summary>
    public static NftBenchmarkOptions Parse(string[] args, out string? error)
    {
        var options = new NftBenchmarkOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--rules" or "--seed" or "--set-threshold" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100_000:
                    options = args[i] switch
                    {
                        "--rules" => options with { Rules = value },
                        "--seed" => options with { Seed = value },
                        _ => options with { SetThreshold = value },
                    };
                    i++;
                    break;
                case "--dump" when i + 1 < args.Length:
                    options = options with { DumpDirectory = args[++i] };
                    break;
                default:
                    error = $"option '{args[i]}' is not accepted: use --rules N (1 to 100000), --seed N, --set-threshold N, --quick, --dump DIR";
                    return options;
            }
        }

        return options;
    }
}
