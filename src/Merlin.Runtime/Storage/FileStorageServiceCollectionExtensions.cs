using Merlin.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Runtime.Storage;

public static class FileStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the internal storage (<c>kestra:///</c> files) on local disk under <c>&lt;dataDir&gt;/storage</c>, whatever
    /// the database: it reports to <see cref="StoreHealth"/> and is probed by the readiness check.
    /// </summary>
    public static IServiceCollection AddMerlinLocalFileStorage(this IServiceCollection services, string dataDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        services.TryAddSingleton<StoreHealth>();
        services.AddSingleton(sp => new LocalFileStorage(dataDir, sp.GetRequiredService<StoreHealth>()));
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<LocalFileStorage>());
        services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<LocalFileStorage>());
        return services;
    }
}
