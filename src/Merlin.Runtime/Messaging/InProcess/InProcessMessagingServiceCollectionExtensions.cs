using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Runtime.Messaging.InProcess;

public static class InProcessMessagingServiceCollectionExtensions
{
    /// <summary>Registers the messaging of components living in one process: channels, direct calls and in-memory listeners.</summary>
    public static IServiceCollection AddMerlinInProcessMessaging(this IServiceCollection services)
    {
        services.AddSingleton<ILiveExecutions, InProcessLiveExecutions>();
        services.AddSingleton<IExecutionChanges, InProcessExecutionChanges>();
        services.AddSingleton<IExecutionQueue, InProcessExecutionQueue>();
        services.AddSingleton<IExecutionOwnership, InProcessExecutionOwnership>();
        services.AddSingleton<ILeadership, InProcessLeadership>();
        services.AddSingleton<IWorkerJobQueue, InProcessWorkerJobQueue>();
        services.AddSingleton<IWorkerResultQueue, InProcessWorkerResultQueue>();
        services.AddSingleton<IFlowChanges, InProcessFlowChanges>();
        services.AddSingleton<ITriggerChanges, InProcessTriggerChanges>();
        return services;
    }
}
