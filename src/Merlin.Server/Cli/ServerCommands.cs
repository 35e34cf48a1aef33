using System.CommandLine;
using System.Diagnostics;
using Merlin.Server.Hosting;

namespace Merlin.Server.Cli;

/// <summary>
/// <c>merlin server local|standalone</c>: every component in one process; <c>merlin server webserver|executor|worker|scheduler</c>:
/// one component, any number of each on any machine, sharing a PostgreSQL database.
/// </summary>
internal static class ServerCommands
{
    public static Command Build() => new("server", "Start a Merlin server")
    {
        Server("local", "Run every component in one process, on SQLite in the data directory (or PostgreSQL: Merlin__Storage__Type=postgres)", MerlinComponents.All),
        Server("standalone", "Run every component in one process, on the configured store (Merlin__Storage__Type: sqlite, the default, or postgres)", MerlinComponents.All),
        Server(MerlinComponents.Webserver, "Run the web server alone (API, UI, /health, /metrics); needs PostgreSQL shared with the other components", [MerlinComponents.Webserver]),
        Server(MerlinComponents.Executor, "Run an executor alone (advances executions); needs PostgreSQL shared with the other components; no HTTP port", [MerlinComponents.Executor]),
        Server(MerlinComponents.Worker, "Run a worker alone (runs tasks); needs PostgreSQL shared with the other components; no HTTP port", [MerlinComponents.Worker]),
        Server(MerlinComponents.Scheduler, "Run a scheduler alone (fires schedules and triggers); needs PostgreSQL shared with the other components; no HTTP port", [MerlinComponents.Scheduler]),
    };

    /// <summary>A command running <paramref name="components"/>; fewer than all of them need a store other processes share.</summary>
    private static Command Server(string name, string description, IReadOnlyList<string> components)
    {
        var port = new Option<int?>("--port") { Description = "HTTP port of the web server (default 8080); accepted and unused by a component without one" };
        var host = new Option<string?>("--host") { Description = "Address to listen on: localhost (default), an IP, or * / 0.0.0.0 for every interface" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for the SQLite database, files and working directories (default ./data)" };
        var command = new Command(name, description) { port, host, dataDir };
        command.SetAction(async (result, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            if (components.Count == 1)
            {
                ComponentThreadPool.ForOneComponent();
            }

            WebApplication? app = null;
            try
            {
                app = MerlinApp.Build([], o =>
                {
                    o.Port = result.GetValue(port) ?? o.Port;
                    o.Host = result.GetValue(host) ?? o.Host;
                    o.DataDir = result.GetValue(dataDir) ?? o.DataDir;
                    o.Components = [.. components]; // the command decides, whatever Merlin:Components says
                    RequireSharedStore(name, components, o);
                });
                await app.StartAsync(ct);
            }
            catch (Exception e) when (StartFailure.Describe(e) is { } reason)
            {
                if (app is not null)
                {
                    // What started (the heartbeat) is stopped: the instance leaves the registry now, not after the timeout.
                    await app.StopAsync(CancellationToken.None);
                }

                await Console.Error.WriteLineAsync("merlin: cannot start: " + reason);
                return 1;
            }

            StartupBanner.Log(app, Stopwatch.GetElapsedTime(started));
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Components apart must see the same executions, queues and heartbeats: SQLite belongs to one process, so a
    /// component alone on it would wait forever for work nobody else can give it. They must also read what the others
    /// encrypt (SECRET inputs, the secrets a worker job carries): a key generated into each data directory would
    /// differ per machine, so the key is required.
    /// </summary>
    private static void RequireSharedStore(string name, IReadOnlyList<string> components, MerlinOptions options)
    {
        if (components.Count == MerlinComponents.All.Count)
        {
            return;
        }

        if (!options.Storage.IsPostgres)
        {
            throw new CliException(
                $"server {name} runs one component apart from the others, so they need a store they share: PostgreSQL "
                + "(Merlin__Storage__Type=postgres and Merlin__Storage__Postgres__ConnectionString=\"Host=...;Database=...;Username=...\"); "
                + "on SQLite, run every component in one process with merlin server local");
        }

        if (string.IsNullOrWhiteSpace(options.Security.EncryptionKey))
        {
            throw new CliException(
                $"server {name} runs apart from the other components, which must decrypt what it encrypts: set the same "
                + "Merlin__Security__EncryptionKey on every process (openssl rand -base64 32)");
        }
    }
}
