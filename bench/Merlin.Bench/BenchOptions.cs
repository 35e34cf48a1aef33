namespace Merlin.Bench;

/// <summary>Command-line settings of one benchmark run.</summary>
public sealed record BenchOptions
{
    /// <summary>Shortened scenarios (smoke run, about a minute).</summary>
    public bool Quick { get; init; }

    /// <summary>SQLite synchronous mode passed to the server as <c>Merlin__Synchronous</c>.</summary>
    public string Synchronous { get; init; } = "FULL";

    /// <summary>Where results.md and results.json go.</summary>
    public string? OutDir { get; init; }

    /// <summary>Skip <c>dotnet build</c> of the server (already built in Release).</summary>
    public bool NoBuild { get; init; }

    /// <summary>Run this server binary instead of building the repository's (A/B runs against a saved build).</summary>
    public string? Server { get; init; }

    /// <summary>Skip the floor server (bench/Merlin.Bench.Floor) and the ratios to it.</summary>
    public bool NoFloor { get; init; }

    /// <summary>
    /// Run on PostgreSQL: the PostgreSQL floor, then Merlin standalone and split into four processes, each on a fresh
    /// database of a throwaway cluster (or of <see cref="PostgresConnection"/>).
    /// </summary>
    public bool Postgres { get; init; }

    /// <summary>A role that may create databases, instead of a throwaway cluster (else <c>MERLIN_BENCH_POSTGRES</c>).</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>Only run the scenarios whose names contain one of these (empty: all).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var only = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--no-build" => options with { NoBuild = true },
                "--no-floor" => options with { NoFloor = true },
                "--synchronous" => options with { Synchronous = Value(args, ref i).ToUpperInvariant() },
                "--out" => options with { OutDir = Value(args, ref i) },
                "--server" => options with { Server = Path.GetFullPath(Value(args, ref i)), NoBuild = true },
                "--postgres" => options with { Postgres = true },
                "--postgres-connection" => options with { Postgres = true, PostgresConnection = Value(args, ref i) },
                "--only" => Add(options, only, Value(args, ref i)),
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }

        return options with { Only = only };
    }

    public bool Runs(string scenario) =>
        Only.Count == 0 || Only.Any(o => scenario.Contains(o, StringComparison.OrdinalIgnoreCase));

    public const string Usage =
        "usage: merlin-bench [--quick] [--synchronous FULL|NORMAL] [--out DIR] [--no-build] [--no-floor] [--server BINARY] [--only SCENARIO]...\n"
        + "       merlin-bench --postgres [--postgres-connection CONNECTION_STRING] [--quick] [--out DIR] [--no-build] [--server BINARY] [--only SCENARIO]...";

    private static BenchOptions Add(BenchOptions options, List<string> only, string value)
    {
        only.Add(value);
        return options;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value.\n{Usage}");
}
