using Merlin.Core.Inputs;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Secrets;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Runtime.Executions;

public static class ExecutionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what every component uses to create, read and command executions (and the flows and templates
    /// beneath): each component registration calls it, so any one of them alone is complete. Idempotent.
    /// </summary>
    public static IServiceCollection AddMerlinExecutions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new LimitOptions());
        services.TryAddSingleton<TemplateEngine>();
        services.TryAddSingleton<FlowService>();
        services.TryAddSingleton<InputResolver>();
        services.TryAddSingleton<StoreHealth>();
        services.TryAddSingleton(new SecretStore()); // the host registers one with its settings first
        services.TryAddSingleton(_ => ProcessEnvironment.Read()); // the engine's ids and environment variables
        services.TryAddSingleton<INamespaceFileStore, NamespaceFileStore>();
        services.TryAddSingleton<ExecutionLogWriter>();
        services.TryAddSingleton<ExecutionFileAccess>();
        services.TryAddSingleton<ExecutionService>();
        services.TryAddSingleton<ExecutionQueries>();
        services.TryAddSingleton<ExecutionCommands>();
        return services;
    }
}
