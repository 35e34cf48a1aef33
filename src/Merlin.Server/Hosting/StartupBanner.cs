namespace Merlin.Server.Hosting;

/// <summary>The one start-up line an operator needs: where it listens, where data lives, what runs, how it is protected.</summary>
internal static class StartupBanner
{
    /// <summary><c>server local</c> runs every component in this process.</summary>
    public const string Components = "api, ui, executor, worker, scheduler";

    public static void Log(WebApplication app, TimeSpan startup)
    {
        var options = app.Services.GetRequiredService<MerlinOptions>();
        app.Logger.LogInformation(
            "Merlin listening on {Urls}; data in {DataDir} (SQLite, synchronous {Synchronous}); components: {Components}; authentication {Authentication}; ready in {Ms:0} ms",
            string.Join(", ", app.Urls), options.DataDir, options.Synchronous.ToUpperInvariant(), Components,
            options.Security.IsEnabled ? "on (basic auth and API tokens)" : "off (set Merlin__Security__BasicAuth__* to protect the API)",
            startup.TotalMilliseconds);
    }
}
