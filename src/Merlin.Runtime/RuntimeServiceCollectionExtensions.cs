using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Inputs;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Executor;
using Merlin.Runtime.Secrets;
using Merlin.Runtime.Storage;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Registers the executor, the worker and what they need (storage is registered by the backend).</summary>
    public static IServiceCollection AddMerlinRuntime(this IServiceCollection services)
    {
        // Redirects are followed by the HTTP tasks themselves (followRedirects); a shared cookie jar would leak between flows.
        services.AddHttpClient("tasks").ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.TryAddSingleton(new LimitOptions());
        services.AddSingleton<TemplateEngine>();
        services.TryAddSingleton(new SecretStore());

        // Renders done by Advance itself run on an executor loop, so they get the executor's smaller step budget.
        services.AddSingleton(sp => new ExecutionEngine(sp.GetRequiredService<TemplateEngine>().ForExecutor(), sp.GetRequiredService<SecretCipher>()));
        services.AddSingleton<InputResolver>();
        services.AddSingleton<ExecutionNotifier>();
        services.AddSingleton<WakeupTimer>();
        services.AddSingleton<ConcurrencyGate>();
        services.AddSingleton<ExecutionLogWriter>();
        services.AddSingleton<ExecutionFileAccess>();
        services.AddSingleton<INamespaceFileStore, NamespaceFileStore>();
        // The server puts them under its data directory (MerlinApp); elsewhere a root of this process's own.
        services.TryAddSingleton(sp => new WorkingDirectories(
            Path.Combine(Path.GetTempPath(), "merlin-working-directories", Guid.NewGuid().ToString("N")), sp.GetRequiredService<ILogger<WorkingDirectories>>()));
        services.AddSingleton<TaskRunContextFactory>();
        services.AddSingleton<TaskWorker>();
        services.AddSingleton<SubflowLauncher>();
        services.AddSingleton<Executor.Executor>();
        services.AddSingleton<IExecutionResumer, ExecutionResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<Executor.Executor>());
        services.AddSingleton<ExecutionService>();
        services.TryAddSingleton<StoreHealth>();
        services.AddSingleton<StoreReadiness>();
        services.AddSingleton<ExecutionCommands>();
        return services;
    }
}
