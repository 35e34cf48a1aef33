using Merlin.Runtime.Storage;
using Microsoft.Extensions.Hosting;

namespace Merlin.Server.Api;

/// <summary>
/// Unauthenticated health routes, as Kestra's (Micronaut's) management endpoints: <c>/health/liveness</c> (the
/// process answers), <c>/health/readiness</c> (components started and running, store writable) and <c>/health</c>
/// (the same as readiness). 200 with <c>status: UP</c>, or 503 with <c>status: DOWN</c> and what is down.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/liveness", () => Results.Json(new HealthStatus("UP"), ApiJson.Options)).AllowAnonymous();
        app.MapGet("/health/readiness", ReadinessAsync).AllowAnonymous();
        app.MapGet("/health", ReadinessAsync).AllowAnonymous();
    }

    private static async Task<IResult> ReadinessAsync(StoreReadiness store, IHostApplicationLifetime lifetime, IEnumerable<IHostedService> hosted, CancellationToken ct)
    {
        var fault = await store.CheckAsync(ct);
        var stopped = hosted.OfType<BackgroundService>().Where(s => s.ExecuteTask is not { IsCompleted: false }).Select(s => s.GetType().Name).ToList();
        var started = lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested && stopped.Count == 0;
        var details = new Dictionary<string, HealthStatus>
        {
            ["store"] = fault is null ? new("UP") : new("DOWN", fault.Message),
            ["components"] = started ? new("UP") : new("DOWN", stopped.Count > 0 ? "not running: " + string.Join(", ", stopped) : "starting or stopping"),
        };
        var up = details.Values.All(d => d.Status == "UP");
        return Results.Json(new HealthStatus(up ? "UP" : "DOWN", Details: details), ApiJson.Options, statusCode: up ? 200 : 503);
    }
}
