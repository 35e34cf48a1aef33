using Merlin.Runtime.Executor;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Worker;

namespace Merlin.Server.Hosting;

/// <summary>The components a process may run (<c>Merlin:Components</c>), each with its one registration; <c>server local</c> runs them all.</summary>
public static class MerlinComponents
{
    public const string Webserver = "webserver";
    public const string Executor = "executor";
    public const string Worker = "worker";
    public const string Scheduler = "scheduler";

    public static IReadOnlyList<string> All { get; } = [Webserver, Executor, Worker, Scheduler];

    /// <summary>Registers one component (a lower-case name); an unknown name is a configuration error named at start-up.</summary>
    internal static void Add(IServiceCollection services, string component, MerlinOptions options, IConfiguration configuration)
    {
        switch (component)
        {
            case Webserver:
                services.AddMerlinWebserver(options, Triggers(configuration));
                break;
            case Executor:
                services.AddMerlinExecutor();
                break;
            case Worker:
                services.AddMerlinWorker();
                break;
            case Scheduler:
                services.AddMerlinScheduler(Triggers(configuration));
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown component '{component}' in {MerlinOptions.Section}:Components (expected {string.Join(", ", All)})");
        }
    }

    private static Action<TriggerOptions> Triggers(IConfiguration configuration) =>
        o => configuration.GetSection(MerlinOptions.Section + ":Triggers").Bind(o);
}
