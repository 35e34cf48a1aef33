using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Runtime.Cluster;
using Merlin.Runtime.Messaging.InProcess;
using Merlin.Runtime.Secrets;
using Merlin.Runtime.Storage;
using Merlin.Runtime.Worker;
using Merlin.Server.Api;
using Merlin.Server.Api.OpenApi;
using Merlin.Server.Plugins;
using Merlin.Server.Security;
using Merlin.Server.Security.Tokens;
using Merlin.Server.Telemetry;
using Merlin.Server.Ui;
using Merlin.Storage.Postgres.Messaging;

namespace Merlin.Server.Hosting;

/// <summary>
/// Builds a server on the embedded backend from the components it runs (<see cref="MerlinOptions.Components"/>, all of
/// them by default: web server, executor, worker, scheduler), with in-process messaging between them.
/// </summary>
public static class MerlinApp
{
    /// <param name="args">Command-line style settings.</param>
    /// <param name="configure">Changes the settings after they are read (tests, benchmarks).</param>
    /// <param name="overrideServices">Changes the registrations last (tests: fault injection, fakes).</param>
    public static WebApplication Build(string[] args, Action<MerlinOptions>? configure = null, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        var options = builder.Configuration.GetSection(MerlinOptions.Section).Get<MerlinOptions>() ?? new MerlinOptions();
        configure?.Invoke(options);
        options.DataDir = Path.GetFullPath(options.DataDir);
        options.Limits.Validate();
        options.Storage.Validate();
        options.Scripts.Validate();
        options.Cluster.Validate();
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
            else if (System.Net.IPAddress.TryParse(options.Host, out var address))
            {
                k.Listen(address, options.Port);
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
        var loggingStarted = ServerLogging.Configure(builder.Logging, options.Logging);

        // Every registration is checked when the container is built, so a component missing a dependency fails at start-up.
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Limits);
        services.AddSingleton(options.Scripts);
        services.AddSingleton(sp => new TaskSettings([sp.GetRequiredService<Merlin.Plugins.Scripts.Runner.ScriptOptions>()]));
        services.AddSingleton(new SecretStore(options.Secrets));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PluginDirectory.CreateRegistry(options.Plugins.Path));
        services.AddSingleton(sp => new FlowParser(sp.GetRequiredService<PluginRegistry>(), options.Limits));
        services.AddSingleton(sp => new WorkingDirectories(Path.Combine(options.DataDir, "tmp", "working-directories"), sp.GetRequiredService<ILogger<WorkingDirectories>>()));
        services.AddSingleton(SecretCipher.Create(options.Security.EncryptionKey, options.DataDir));
        services.AddMerlinInProcessMessaging();
        services.AddMerlinStorage(options);
        if (options.Storage.IsPostgres)
        {
            // On PostgreSQL any process may join: the queues between components and the change feeds live in the database.
            var queues = new PostgresMessagingOptions();
            builder.Configuration.GetSection(MerlinOptions.Section + ":Cluster").Bind(queues);
            services.AddMerlinPostgresMessaging(queues);
            services.AddMerlinPostgresChangeFeeds();
        }

        var components = (options.Components ?? MerlinComponents.All).Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList();
        services.AddMerlinCluster(options.Cluster, components); // first: its heartbeat starts before the components and stops after them
        if (!components.Contains(MerlinComponents.Webserver))
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoHttpServer>();
        }

        foreach (var component in components)
        {
            MerlinComponents.Add(services, component, options, builder.Configuration);
        }

        overrideServices?.Invoke(services);

        var app = builder.Build();
        ServerLogging.Started(app, loggingStarted);
        if (!components.Contains(MerlinComponents.Webserver))
        {
            return app; // no routes and no listener: this process only works
        }

        app.UseKestraErrors(options.MaxUrlLength);
        app.UseTenantPaths();
        app.UseMerlinSecurity();
        app.MapHealthEndpoints();
        app.MapMerlinMetrics();
        app.MapOpenApi("/openapi/v1.json"); // every route, for client generators and editors; one fixed path, so other names get the API's 404 body
        app.MapConfigEndpoints();
        app.MapApiTokenEndpoints();
        app.MapFlowEndpoints();
        app.MapExecutionEndpoints();
        app.MapExecutionActionEndpoints();
        app.MapLogEndpoints();
        app.MapMetricEndpoints();
        app.MapTriggerEndpoints();
        app.MapPluginEndpoints();
        app.MapExecutionEvalEndpoints();
        app.MapKvEndpoints();
        app.MapNamespaceFileEndpoints();
        app.MapMerlinUi();
        return app;
    }
}
