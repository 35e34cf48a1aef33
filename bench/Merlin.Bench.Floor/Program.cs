using Merlin.Bench.Floor;

// Accepts the same command line as `merlin server local` so the benchmark starts both the same way.
var port = Argument(args, "--port") ?? "8080";
var dataDir = Argument(args, "--data-dir") ?? Path.Combine(Path.GetTempPath(), "merlin-floor");
var synchronous = Environment.GetEnvironmentVariable("Merlin__Synchronous") ?? "FULL";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
// The same settings as Merlin's: Merlin__Storage__Type=postgres and its connection string select the PostgreSQL floor.
var postgres = Environment.GetEnvironmentVariable("Merlin__Storage__Postgres__ConnectionString");
await using IFloorStore store = string.Equals(Environment.GetEnvironmentVariable("Merlin__Storage__Type"), "postgres", StringComparison.OrdinalIgnoreCase)
    ? await PostgresFloorStore.OpenAsync(postgres ?? throw new InvalidOperationException("Merlin__Storage__Postgres__ConnectionString is not set."))
    : FloorStore.Open(dataDir, synchronous);
var app = builder.Build();
FloorEndpoints.Map(app, store);
await app.RunAsync();
return 0;

static string? Argument(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
