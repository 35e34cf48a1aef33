using Merlin.Core.Plugins.Schemas;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Metrics;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Storage;
using Merlin.Server.Api.OpenApi;
using Merlin.Server.Security;
using Merlin.Server.Telemetry;

namespace Merlin.Server.Hosting;

public static class WebserverServiceCollectionExtensions
{
    /// <summary>
    /// Registers the web server component: what the <c>/api/v1</c> routes, the UI, health and metrics need. Its routes
    /// reach the other components only through <c>Merlin.Runtime</c>'s execution services, trigger rules and messaging.
    /// </summary>
    public static IServiceCollection AddMerlinWebserver(this IServiceCollection services, MerlinOptions options, Action<TriggerOptions>? triggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddMerlinExecutions();
        services.AddTriggerRules(triggers);
        services.AddSingleton<PublicUrl>();
        services.AddSingleton<MetricAggregator>();

        // A malformed route or query value (?revision=abc) becomes an exception, so it gets Kestra's error body too.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<PluginDocumentation>();
        services.AddSingleton<FlowSchemaGenerator>();
        services.AddSingleton<StoreReadiness>();
        services.AddMerlinSecurity(options.Security);
        services.AddMerlinOpenApi();
        services.AddMerlinTelemetry(options.Telemetry);
        return services;
    }
}
