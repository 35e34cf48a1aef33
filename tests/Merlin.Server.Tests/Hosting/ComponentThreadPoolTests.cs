using Merlin.Server.Hosting;

namespace Merlin.Server.Tests.Hosting;

/// <summary>A process running one component turns the thread pool's spin off, unless its operator chose a spin limit.</summary>
public sealed class ComponentThreadPoolTests : IDisposable
{
    private readonly object? _before = AppContext.GetData(ComponentThreadPool.SpinLimit);

    [Fact]
    public void One_component_turns_the_spin_off()
    {
        AppContext.SetData(ComponentThreadPool.SpinLimit, null);

        ComponentThreadPool.ForOneComponent();

        Assert.Equal(0, AppContext.GetData(ComponentThreadPool.SpinLimit));
    }

    [Fact]
    public void A_spin_limit_the_operator_set_is_kept()
    {
        AppContext.SetData(ComponentThreadPool.SpinLimit, "35"); // as runtimeconfig.json gives it

        ComponentThreadPool.ForOneComponent();

        Assert.Equal("35", AppContext.GetData(ComponentThreadPool.SpinLimit));
    }

    [Fact]
    public void A_spin_limit_set_in_the_environment_is_kept()
    {
        AppContext.SetData(ComponentThreadPool.SpinLimit, null);
        Environment.SetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "46");
        try
        {
            ComponentThreadPool.ForOneComponent();
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", null);
        }

        Assert.Null(AppContext.GetData(ComponentThreadPool.SpinLimit)); // the runtime reads the variable
    }

    public void Dispose() => AppContext.SetData(ComponentThreadPool.SpinLimit, _before);
}
