using System.Diagnostics;
using Merlin.Bench;
using Merlin.Bench.Http;
using Merlin.Bench.Reporting;
using Merlin.Bench.Scenarios;
using Merlin.Bench.Server;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var repoRoot = RepoRoot.Find();
var outDir = Path.GetFullPath(options.OutDir ?? Path.Combine(repoRoot, "bench", "out"));
var report = new BenchReport(options, MachineInfo.Read());
var total = Stopwatch.StartNew();
var encryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)); // one for every process of a cluster

Log($"building the server (Release){(options.NoBuild ? " — skipped" : "")}");
var binary = options.Server ?? await ServerProcess.BuildAsync(repoRoot, !options.NoBuild, ct);

if (options.Postgres)
{
    await RunOnPostgresAsync();
}
else
{
    await RunOnSqliteAsync();
}

var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(outDir);
await File.WriteAllTextAsync(Path.Combine(outDir, "results.md"), markdown, ct);
await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), report.ToJson(), ct);
Log($"wrote {Path.Combine(outDir, "results.md")} and results.json");
return 0;

// The floor first: the same client scenarios against the least a durable execution costs (bench/Merlin.Bench.Floor),
// so Merlin's figures below can be read as ratios to it, measured minutes apart on the same machine.
async Task<List<ScenarioResult>> RunFloorAsync(IReadOnlyDictionary<string, string?> environment, string? connectionString, PostgresServer? postgres)
{
    // The idle request runs on the floor too: what a wake-up after 10 s costs on this machine whatever the server.
    var floorScenarios = new IScenario[] { new SequentialLatencyScenario(), new ThroughputScenario(), new IdleLatencyScenario() }
        .Where(s => options.Runs(s.Name) && !options.NoFloor).ToArray();
    var floorResults = new List<ScenarioResult>();
    if (floorScenarios.Length == 0)
    {
        return floorResults;
    }

    var floorBinary = await ServerProcess.BuildFloorAsync(repoRoot, !options.NoBuild || options.Server is not null, ct);
    Log($"starting the floor {floorBinary}");
    await using var floor = ServerProcess.Start(floorBinary, ["server", "local"], environment, listens: true);
    using var floorHttp = MerlinClient.CreateHttpClient(floor.BaseAddress);
    await floor.WaitUntilHealthyAsync(floorHttp, TimeSpan.FromSeconds(60), ct);
    var floorContext = new BenchContext(new MerlinClient(floorHttp), floor, options, ct)
    {
        ConnectionString = connectionString,
        Database = postgres,
    };
    foreach (var scenario in floorScenarios)
    {
        floorResults.Add(await RunScenarioAsync(scenario, floorContext, "floor: "));
    }

    report.Scenarios.AddRange(floorResults);
    return floorResults;
}

async Task RunOnSqliteAsync()
{
    var floorResults = await RunFloorAsync(new Dictionary<string, string?> { ["Merlin__Synchronous"] = options.Synchronous }, null, null);
    Log($"starting {binary} with Merlin__Synchronous={options.Synchronous}");
    IScenario[] scenarios =
    [
        new SequentialLatencyScenario(),
        new LatencyBreakdownScenario(),
        new IdleLatencyScenario(),
        new ThroughputScenario(),
        new WebhookScenario(),
        new ForEachScenario(),
        new NestedIfScenario(),
        new ScriptTaskScenario(),
    ];
    var merlinResults = await RunTargetAsync("", () => Task.FromResult<IBenchTarget>(ServerProcess.Start(binary, options.Synchronous)), scenarios, null, null);
    if (floorResults.Count > 0)
    {
        report.Scenarios.Add(FloorRatios.Of(floorResults, merlinResults, FloorRatios.Goals.Sqlite));
    }

    if (!options.NoFloor && options.Runs(SideBySideLatency.Name))
    {
        report.Scenarios.Add(await RunSideBySideAsync());
    }
}

// The floor and Merlin started again, together, for the latency measured in turns (SideBySideLatency).
async Task<ScenarioResult> RunSideBySideAsync()
{
    var floorBinary = await ServerProcess.BuildFloorAsync(repoRoot, build: false, ct);
    Log($"{SideBySideLatency.Name}: starting the floor and {binary} together (load average {MachineInfo.CurrentLoadAverage()})");
    await using var floor = ServerProcess.Start(floorBinary, ["server", "local"], new Dictionary<string, string?> { ["Merlin__Synchronous"] = options.Synchronous }, listens: true);
    await using var merlin = ServerProcess.Start(binary, options.Synchronous);
    using var floorHttp = MerlinClient.CreateHttpClient(floor.BaseAddress);
    using var merlinHttp = MerlinClient.CreateHttpClient(merlin.BaseAddress);
    await floor.WaitUntilHealthyAsync(floorHttp, TimeSpan.FromSeconds(60), ct);
    await merlin.WaitUntilHealthyAsync(merlinHttp, TimeSpan.FromSeconds(60), ct);
    var clock = Stopwatch.StartNew();
    try
    {
        return await SideBySideLatency.RunAsync(new MerlinClient(floorHttp), new MerlinClient(merlinHttp), options, FloorRatios.Goals.Sqlite.P50, ct);
    }
    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
    {
        return new ScenarioResult(SideBySideLatency.Name) { Skipped = true }.Note($"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    }
    finally
    {
        Log($"  done in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}

// PostgreSQL (issue 12): the PostgreSQL floor, Merlin standalone (one process) and split (one process per component),
// each on a fresh database of one server, the same scenarios plus the queue tables after the sustained run.
async Task RunOnPostgresAsync()
{
    await using var postgres = await PostgresServer.StartAsync(options.PostgresConnection, ct);
    Log($"PostgreSQL: {postgres.Description}");
    var floorDatabase = await postgres.CreateDatabaseAsync("floor");
    var floorResults = await RunFloorAsync(PostgresEnvironment(floorDatabase), floorDatabase, postgres);
    IScenario[] scenarios =
    [
        new SequentialLatencyScenario(),
        new IdleLatencyScenario(),
        new ThroughputScenario(),
        new QueueTablesScenario(),
    ];

    var standaloneDatabase = await postgres.CreateDatabaseAsync("standalone");
    Log($"starting {binary} server standalone on PostgreSQL");
    var standalone = await RunTargetAsync(
        "standalone: ",
        () => Task.FromResult<IBenchTarget>(ServerProcess.Start(binary, ["server", "standalone"], PostgresEnvironment(standaloneDatabase), listens: true)),
        scenarios,
        standaloneDatabase,
        postgres);

    var splitDatabase = await postgres.CreateDatabaseAsync("split");
    Log($"starting {binary} split: server webserver, executor, worker, scheduler on PostgreSQL");
    var split = await RunTargetAsync(
        "split: ",
        async () => await SplitCluster.StartAsync(binary, PostgresEnvironment(splitDatabase), splitDatabase, ct),
        scenarios,
        splitDatabase,
        postgres);

    if (floorResults.Count > 0)
    {
        report.Scenarios.Add(FloorRatios.Of(floorResults, standalone, FloorRatios.Goals.Postgres, "standalone"));
        report.Scenarios.Add(FloorRatios.Of(floorResults, split, FloorRatios.Goals.Postgres, "split"));
    }
}

IReadOnlyDictionary<string, string?> PostgresEnvironment(string connectionString) => new Dictionary<string, string?>
{
    ["Merlin__Storage__Type"] = "postgres",
    ["Merlin__Storage__Postgres__ConnectionString"] = connectionString,
    ["Merlin__Security__EncryptionKey"] = encryptionKey,
};

// Starts a target, times its start-up, runs the scenarios against it and records its processes' use; stops it.
async Task<List<ScenarioResult>> RunTargetAsync(string prefix, Func<Task<IBenchTarget>> start, IScenario[] scenarios, string? connectionString, PostgresServer? postgres)
{
    var startClock = Stopwatch.StartNew();
    await using var server = await start();
    using var http = MerlinClient.CreateHttpClient(server.BaseAddress);
    await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), ct);
    var coldStart = startClock.Elapsed.TotalMilliseconds;
    await Task.Delay(TimeSpan.FromSeconds(1), ct); // let start-up work settle before reading idle memory
    var idle = server.Stats();
    var startUp = new ScenarioResult(prefix + "start-up")
        .Add("cold start (process → /health 200)", coldStart, "ms", "≤ 1,000 ms")
        .Add("idle RSS after start-up", idle.RssMb, "MB", "≤ 150 MB")
        .Add("threads after start-up", idle.Threads, "")
        .Note("cold start times the already-built Release binary, not the build");
    var context = new BenchContext(new MerlinClient(http), server, options, ct) { ConnectionString = connectionString, Database = postgres };
    var results = new List<ScenarioResult>();
    foreach (var scenario in scenarios.Where(s => options.Runs(s.Name)))
    {
        results.Add(await RunScenarioAsync(scenario, context, prefix));
    }

    var end = server.Stats();
    report.Scenarios.Add(startUp);
    report.Scenarios.AddRange(results);
    report.Scenarios.Add(new ScenarioResult(prefix + "server process" + (prefix.Length > 0 ? "es" : ""))
        .Add("peak RSS (VmHWM)", end.PeakRssMb, "MB")
        .Add("RSS at end", end.RssMb, "MB")
        .Add("CPU time (utime+stime)", end.CpuSeconds, "s")
        .Add("threads at end", end.Threads, "")
        .Add("benchmark wall time", total.Elapsed.TotalSeconds, "s")
        .Note($"load average at end {MachineInfo.CurrentLoadAverage()}"));
    return results;
}

async Task<ScenarioResult> RunScenarioAsync(IScenario scenario, BenchContext on, string prefix)
{
    Log($"{prefix}{scenario.Name} (load average {MachineInfo.CurrentLoadAverage()})");
    var before = on.Server.Stats();
    var clock = Stopwatch.StartNew();
    ScenarioResult result;
    try
    {
        result = await scenario.RunAsync(on);
    }
    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
    {
        result = new ScenarioResult(scenario.Name) { Skipped = true }.Note($"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        Log($"  failed: {e.Message}\n{on.Server.Output}");
    }

    if (!result.Skipped)
    {
        result.Add("server CPU during scenario", on.Server.Stats().CpuSeconds - before.CpuSeconds, "s");
    }

    Log($"  done in {clock.Elapsed.TotalSeconds:0.0} s");
    return prefix.Length == 0 ? result : result.Renamed(prefix + result.Name);
}

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
