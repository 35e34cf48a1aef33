using Merlin.Bench.Floor;

// Accepts the same command line as `merlin server local` so the benchmark starts both the same way.
var port = Argument(args, "--port") ?? "8080";
var dataDir = Argument(args, "--data-dir") ?? Path.Combine(Path.GetTempPath(), "merlin-floor");
var synchronous = Environment.GetEnvironmentVariable("Merlin__Synchronous") ?? "FULL";

// Its content root is its own directory, as Merlin's is: the configuration's file watcher covers the content root and
// everything below it, and from the working directory (the temporary directory, in the benchmark) it was woken by every
// write of every server's data directory, four thread wake-ups per execution, its own and Merlin's.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
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
