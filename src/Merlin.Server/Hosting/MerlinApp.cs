using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Plugins.Schemas;
using Merlin.Runtime;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Triggers;
using Merlin.Storage.Sqlite;
using Merlin.Server.Api;
using Merlin.Server.Security;
using Merlin.Server.Security.Tokens;
using Merlin.Server.Ui;

namespace Merlin.Server.Hosting;

/// <summary>Builds the whole server (API, executor, worker, scheduler) on the embedded backend.</summary>
public static class MerlinApp
{
    public static WebApplication Build(string[] args, Action<MerlinOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        var options = builder.Configuration.GetSection(MerlinOptions.Section).Get<MerlinOptions>() ?? new MerlinOptions();
        configure?.Invoke(options);
        options.DataDir = Path.GetFullPath(options.DataDir);
        options.Limits.Validate();
        Directory.CreateDirectory(options.DataDir);

        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodySize;

            // Kestrel answers a too long request line itself, without a body; up to this hard cap the request reaches
            // ErrorHandling, which applies MaxUrlLength with Kestra's error body.
            k.Limits.MaxRequestLineSize = Math.Max(options.MaxUrlLength + 64, 1 << 20);
            if (options.Host is "*" or "0.0.0.0")
            {
                k.ListenAnyIP(options.Port);
            }
            else if (options.Port == 0)
            {
                k.Listen(System.Net.IPAddress.Loopback, 0); // a free port (tests, benchmarks)
            }
            else
            {
                k.ListenLocalhost(options.Port);
            }
        });
        builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Refused requests (404, 422...) are answers, not server errors; ErrorHandling logs the real 500s itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Limits);

        // A malformed route or query value (?revision=abc) becomes an exception, so it gets Kestra's error body too.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));
        services.AddSingleton(sp => new FlowParser(sp.GetRequiredService<PluginRegistry>(), options.Limits));
        services.AddSingleton<PluginDocumentation>();
        services.AddSingleton<FlowSchemaGenerator>();
        services.AddSingleton<FlowService>();
        services.AddMerlinRuntime();
        services.AddMerlinScheduler(o => builder.Configuration.GetSection(MerlinOptions.Section + ":Triggers").Bind(o));
        services.AddSqliteStorage(options.DataDir, o => o.Synchronous = Enum.Parse<SqliteSynchronousMode>(options.Synchronous, ignoreCase: true));
        services.AddMerlinSecurity(options.Security);
        services.AddOpenApi();

        var app = builder.Build();
        app.UseKestraErrors(options.MaxUrlLength);
        app.UseTenantPaths();
        app.UseMerlinSecurity();
        app.MapGet("/health", () => Results.Json(new { status = "UP" })).AllowAnonymous();
        app.MapOpenApi(); // GET /openapi/v1.json: every route, for client generators and editors
        app.MapConfigEndpoints();
        app.MapApiTokenEndpoints();
        app.MapFlowEndpoints();
        app.MapExecutionEndpoints();
        app.MapLogEndpoints();
        app.MapTriggerEndpoints();
        app.MapPluginEndpoints();
        app.MapMerlinUi();
        return app;
    }
}
