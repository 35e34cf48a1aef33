using Merlin.Runtime.Cluster;
using Npgsql;

namespace Merlin.Server.Hosting;

/// <summary>The one start-up line an operator needs: where it listens, where data lives, what runs, how it is protected.</summary>
internal static class StartupBanner
{
    public static void Log(WebApplication app, TimeSpan startup)
    {
        var options = app.Services.GetRequiredService<MerlinOptions>();
        var instance = app.Services.GetRequiredService<LocalInstance>();
        app.Logger.LogInformation(
            "Merlin {Listening}; data in {Store}; components: {Components}; instance {Instance}; authentication {Authentication}; ready in {Ms:0} ms",
            app.Urls.Count > 0 ? "listening on " + string.Join(", ", app.Urls) : "without HTTP (no web server in this process)",
            Store(options), string.Join(", ", instance.Components.SelectMany(Shown)), instance.Id,
            options.Security.IsEnabled ? "on (basic auth and API tokens)" : "off (set Merlin__Security__BasicAuth__* to protect the API)",
            startup.TotalMilliseconds);
    }

    private static string Store(MerlinOptions options)
    {
        if (!options.Storage.IsPostgres)
        {
            return $"{options.DataDir} (SQLite, synchronous {options.Synchronous.ToUpperInvariant()})";
        }

        // Never the password: only where the database is.
        var connection = new NpgsqlConnectionStringBuilder(options.Storage.Postgres.ConnectionString);
        return $"PostgreSQL {connection.Host}/{connection.Database}" + (connection.SearchPath is { Length: > 0 } schema ? $" (schema {schema})" : "");
    }

    /// <summary>The web server shows as what an operator reaches: the API and the UI.</summary>
    private static IEnumerable<string> Shown(string component) => component == MerlinComponents.Webserver ? ["api", "ui"] : [component];
}
