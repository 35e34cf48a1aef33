namespace Merlin.Bench.Server;

/// <summary>
/// Merlin split into one process per component on one PostgreSQL database: a web server (the only one listening, so
/// every request, <c>?wait=true</c> included, is answered through it), an executor, a worker and a scheduler.
/// </summary>
public sealed class SplitCluster : IBenchTarget
{
    private static readonly string[] Components = ["webserver", "executor", "worker", "scheduler"];

    private readonly IReadOnlyList<ServerProcess> processes;

    private SplitCluster(IReadOnlyList<ServerProcess> processes) => this.processes = processes;

    public Uri BaseAddress => processes[0].BaseAddress;

    public string Output => string.Join('\n', processes.Select((p, i) => $"--- {Components[i]}\n{p.Output}"));

    /// <summary>
    /// Starts the web server first (it creates the schema), then the other components once it is healthy, and returns
    /// when all four are registered in <c>service_instances</c>.
    /// </summary>
    public static async Task<SplitCluster> StartAsync(string binary, IReadOnlyDictionary<string, string?> environment, string connectionString, CancellationToken cancellationToken)
    {
        var processes = new List<ServerProcess> { ServerProcess.Start(binary, ["server", Components[0]], environment, listens: true) };
        var cluster = new SplitCluster(processes);
        try
        {
            using (var http = Http.MerlinClient.CreateHttpClient(processes[0].BaseAddress))
            {
                await processes[0].WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), cancellationToken);
            }

            processes.AddRange(Components.Skip(1).Select(c => ServerProcess.Start(binary, ["server", c], environment, listens: false)));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await PostgresServer.CountAsync(connectionString, "service_instances") < Components.Length)
            {
                processes.ForEach(p => p.EnsureRunning());
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The components did not all register within 60 s:\n{cluster.Output}");
                }

                await Task.Delay(50, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ProcessStats Stats() => ProcessStats.Sum(processes.Select(p => p.Stats()));

    public IReadOnlyList<(string Component, ProcessStats Stats)> ComponentStats() => [.. processes.Select((p, i) => (Components[i], p.Stats()))];

    public async Task WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await processes[0].WaitUntilHealthyAsync(http, timeout, cancellationToken);
        foreach (var process in processes)
        {
            process.EnsureRunning();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }
}
