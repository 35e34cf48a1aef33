using Merlin.Server.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Merlin.Server.Telemetry;

/// <summary>Metrics through OpenTelemetry, served in Prometheus format at <c>/metrics</c>; traces to OTLP when configured.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddMerlinTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        services.AddSingleton<ExecutionLifecycleLog>();
        services.AddSingleton<ExecutionMetrics>();
        services.AddSingleton<ExecutionTracing>();
        services.AddHostedService<ExecutionTelemetry>();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("merlin", serviceVersion: typeof(MerlinApp).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m
                .AddMeter(ExecutionMetrics.MeterName, Merlin.Runtime.Metrics.TaskMetricsMeter.MeterName, Merlin.Storage.Sqlite.SqliteStorageMeter.Name)
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        if (options.Otlp.Endpoint is { Length: > 0 } endpoint)
        {
            telemetry.WithTracing(t => t
                .AddSource(ExecutionTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = new Uri(endpoint);
                    o.Protocol = string.Equals(options.Otlp.Protocol, "http", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                }));
        }

        return services;
    }

    /// <summary><c>GET /metrics</c> (Prometheus text format), protected like the API when security is on.</summary>
    public static void MapMerlinMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
