using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Runtime.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers this process in the cluster, whatever its components: <see cref="LocalInstance"/> and the hosted
    /// <see cref="ServiceHeartbeat"/>, on the store's <see cref="IServiceRegistry"/> (in memory when the store registers
    /// none: one process). Call it before the components, so the heartbeat starts first and stops last.
    /// </summary>
    public static IServiceCollection AddMerlinCluster(this IServiceCollection services, ClusterOptions options, IEnumerable<string> components)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new LocalInstance(components, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IServiceRegistry, InMemoryServiceRegistry>();
        services.AddSingleton<ServiceHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceHeartbeat>());
        return services;
    }
}
