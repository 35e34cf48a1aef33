using System.CommandLine;
using System.Diagnostics;
using Merlin.Server.Hosting;

namespace Merlin.Server.Cli;

/// <summary>The <c>merlin</c> command line: <c>server local</c> today; the split components later.</summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var port = new Option<int?>("--port") { Description = "HTTP port (default 8080)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for the database and files (default ./data)" };
        var local = new Command("local", "Run every component in one process on the embedded SQLite backend") { port, dataDir };
        local.SetAction(async (result, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var app = MerlinApp.Build([], o =>
            {
                o.Port = result.GetValue(port) ?? o.Port;
                o.DataDir = result.GetValue(dataDir) ?? o.DataDir;
            });
            await app.StartAsync(ct);
            var options = app.Services.GetRequiredService<MerlinOptions>();
            app.Logger.LogInformation("Merlin listening on {Urls}, data in {DataDir} (ready in {Ms:0} ms)",
                string.Join(", ", app.Urls), options.DataDir, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });

        var server = new Command("server", "Start a Merlin server") { local };
        return new RootCommand("Merlin, a declarative workflow orchestration server speaking Kestra's language") { server, TokenCommands.Build() };
    }
}
