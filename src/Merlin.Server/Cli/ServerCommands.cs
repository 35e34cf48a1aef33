using System.CommandLine;
using System.Diagnostics;
using Merlin.Server.Hosting;

namespace Merlin.Server.Cli;

/// <summary><c>merlin server local</c>: every component in one process, on SQLite unless PostgreSQL is configured.</summary>
internal static class ServerCommands
{
    public static Command Build()
    {
        var port = new Option<int?>("--port") { Description = "HTTP port (default 8080)" };
        var host = new Option<string?>("--host") { Description = "Address to listen on: localhost (default), an IP, or * / 0.0.0.0 for every interface" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for the database and files (default ./data)" };
        var local = new Command("local", "Run every component in one process, on SQLite in the data directory (or PostgreSQL: Merlin__Storage__Type=postgres)") { port, host, dataDir };
        local.SetAction(async (result, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            WebApplication app;
            try
            {
                app = MerlinApp.Build([], o =>
                {
                    o.Port = result.GetValue(port) ?? o.Port;
                    o.Host = result.GetValue(host) ?? o.Host;
                    o.DataDir = result.GetValue(dataDir) ?? o.DataDir;
                    o.Components = [.. MerlinComponents.All]; // local is every component, whatever Merlin:Components says
                });
                await app.StartAsync(ct);
            }
            catch (Exception e) when (StartFailure.Describe(e) is { } reason)
            {
                await Console.Error.WriteLineAsync("merlin: cannot start: " + reason);
                return 1;
            }

            StartupBanner.Log(app, Stopwatch.GetElapsedTime(started));
            await app.WaitForShutdownAsync(ct);
            return 0;
        });

        return new Command("server", "Start a Merlin server") { local };
    }
}
