using Merlin.Core.Storage;

namespace Merlin.Runtime.Worker;

/// <summary>
/// The services a task may resolve: everything but the raw file storage, so that no task, core or user-supplied,
/// can go around <see cref="Executions.ExecutionFileAccess"/>.
/// </summary>
internal sealed class TaskServices(IServiceProvider services) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IFileStorage) ? null : services.GetService(serviceType);
}
