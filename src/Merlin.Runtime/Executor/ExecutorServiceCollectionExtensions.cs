using Merlin.Core.Engine;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Secrets;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Runtime.Executor;

public static class ExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the executor component: the loops applying events to executions (<see cref="Executor"/>, hosted), with
    /// subflows, wake-up timers and the concurrency gate, and a task worker for the local tasks it dispatches
    /// (<see cref="LocalTasks"/>). Messaging and storage are registered apart.
    /// </summary>
    public static IServiceCollection AddMerlinExecutor(this IServiceCollection services)
    {
        services.AddMerlinExecutions();

        // Renders done by Advance itself run on an executor loop, so they get the executor's smaller step budget.
        services.AddSingleton(sp => new ExecutionEngine(sp.GetRequiredService<TemplateEngine>().ForExecutor(), sp.GetRequiredService<SecretCipher>()));
        services.AddSingleton<WakeupTimer>();
        services.AddSingleton<ConcurrencyGate>();
        services.AddSingleton<SubflowLauncher>();
        services.AddWorkingDirectories(); // the executor releases a WorkingDirectory's shared directory once it ended
        services.AddSingleton<LoopValuesReader>();
        services.AddSingleton<LoopIterationLauncher>();
        services.AddSingleton<Executor>();
        services.AddHostedService(sp => sp.GetRequiredService<Executor>());
        services.AddTaskWorker(); // local tasks (Log, Return...) run here when no worker does
        services.AddHostedService<LocalTaskSubscription>();
        return services;
    }
}
