using Merlin.Core.Conditions;
using Merlin.Core.Triggers;
using Merlin.Runtime.Executions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Runtime.Scheduler;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>Registers the scheduler component: Schedule triggers on a timer, Flow triggers on execution changes, and the trigger rules.</summary>
    public static IServiceCollection AddMerlinScheduler(this IServiceCollection services, Action<TriggerOptions>? configure = null)
    {
        services.AddTriggerRules(configure);
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

    /// <summary>
    /// The trigger rules other components apply too: webhooks (the web server), disabling a trigger (the API and the
    /// Toggle task). The first registration's <paramref name="configure"/> wins. Idempotent.
    /// </summary>
    public static IServiceCollection AddTriggerRules(this IServiceCollection services, Action<TriggerOptions>? configure = null)
    {
        services.AddMerlinExecutions();
        var options = new TriggerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<ConditionEvaluator>();
        services.TryAddSingleton<TriggerSwitch>();
        services.TryAddSingleton<ITriggerSwitch>(sp => sp.GetRequiredService<TriggerSwitch>());
        services.TryAddSingleton<ITaskTriggers>(sp => sp.GetRequiredService<TriggerSwitch>());
        services.TryAddSingleton<WebhookHandler>();
        return services;
    }
}
