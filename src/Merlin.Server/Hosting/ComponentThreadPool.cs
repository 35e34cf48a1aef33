namespace Merlin.Server.Hosting;

/// <summary>
/// A process that runs one component of a cluster spends its time waiting for the database and for other processes'
/// notices, so its thread-pool threads do not spin for more work after each wake-up: on a shared machine that spin
/// (<c>sched_yield</c> in <c>LowLevelLifoSemaphore.Wait</c>) was a fifth to a third of each process's CPU, taken from
/// the others. Two split clusters side by side on 2 vCPUs, seven pairs: CPU per execution −20 to −30 % in each,
/// executions/s +0 to +20 %, one-client p50 equal or better in five (bench/RESULTS.md, Round 11). A process running
/// every component keeps .NET's default: there the spinning thread picks up the next hand-off between its own
/// components (SQLite one-client p50 better with the spin in 4 pairs of 5).
/// </summary>
internal static class ComponentThreadPool
{
    internal const string SpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";
    private const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>
    /// Turns the spin off unless the operator set it; read when the thread pool starts, so this must run before anything
    /// queues work to it (the start of the server command's action).
    /// </summary>
    public static void ForOneComponent()
    {
        if (AppContext.GetData(SpinLimit) is null && Environment.GetEnvironmentVariable(SpinLimitVariable) is null)
        {
            AppContext.SetData(SpinLimit, 0);
        }
    }
}
