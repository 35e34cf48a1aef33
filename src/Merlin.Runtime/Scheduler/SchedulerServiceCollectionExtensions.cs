using Merlin.Core.Conditions;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Runtime.Scheduler;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>Registers the scheduler component: Schedule triggers on a timer, Flow triggers on execution changes, webhook support.</summary>
    public static IServiceCollection AddMerlinScheduler(this IServiceCollection services, Action<TriggerOptions>? configure = null)
    {
        var options = new TriggerOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<ConditionEvaluator>();
        services.AddSingleton<ITriggerLauncher, ExecutionLauncher>();
        services.AddSingleton<ScheduleFirer>();
        services.AddSingleton<ScheduleEvaluator>();
        services.AddSingleton<Scheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        services.AddSingleton<FlowTriggerEvaluator>();
        services.AddSingleton<FlowTriggerListener>();
        services.AddHostedService(sp => sp.GetRequiredService<FlowTriggerListener>());
        return services;
    }
}
