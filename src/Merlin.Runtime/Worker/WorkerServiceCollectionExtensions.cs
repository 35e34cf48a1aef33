using Merlin.Core.Executions;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Metrics;
using Merlin.Runtime.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the worker component: <see cref="TaskWorker"/> taking the jobs of the worker queue while the host runs,
    /// with what tasks use (HTTP, working directories, resuming executions, toggling triggers).
    /// </summary>
    public static IServiceCollection AddMerlinWorker(this IServiceCollection services)
    {
        services.AddTaskWorker();
        services.AddHostedService<WorkerSubscription>();
        return services;
    }

    /// <summary>
    /// The <see cref="TaskWorker"/> and what tasks use (HTTP, working directories, resuming executions, toggling
    /// triggers), once however many components ask: the worker runs every job on it, an executor its local tasks.
    /// </summary>
    internal static IServiceCollection AddTaskWorker(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(TaskWorker)))
        {
            return services;
        }

        services.AddMerlinExecutions();

        // Redirects are followed by the HTTP tasks themselves (followRedirects); a shared cookie jar would leak between flows.
        services.AddHttpClient("tasks").ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddWorkingDirectories();
        services.TryAddSingleton<TaskMetricsMeter>();
        services.TryAddSingleton<TaskMetricWriter>();
        services.AddSingleton<TaskRunContextFactory>();
        services.AddSingleton<TaskDefinitions>();
        services.AddSingleton<WorkingDirectoryCaches>();
        services.AddSingleton<TaskWorker>();
        services.TryAddSingleton<ITaskExecutions, ExecutionResumer>();
        // The host adds the settings of its plugins (e.g. the script runner's); a worker alone gives tasks none.
        services.TryAddSingleton(new TaskSettings([]));
        services.AddTriggerRules();
        return services;
    }

    /// <summary>The server puts them under its data directory (registered before); elsewhere a root of this process's own.</summary>
    internal static IServiceCollection AddWorkingDirectories(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new WorkingDirectories(
            Path.Combine(Path.GetTempPath(), "merlin-working-directories", Guid.NewGuid().ToString("N")), sp.GetRequiredService<ILogger<WorkingDirectories>>()));
        return services;
    }
}
