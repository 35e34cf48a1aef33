using System.Collections.Concurrent;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Executions;

/// <summary>
/// What makes a Loop survive a crash: an iteration is stored only once a committed state of its parent names it, so
/// recovery re-issues the same ids instead of starting an item again under a new one (the crash test shows the effect;
/// this checks the order on every save).
/// </summary>
public sealed class LoopDurabilityTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte> _named = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _iterationsSaved = new();
    private readonly MerlinServer _server;

    public LoopDurabilityTests() => _server = MerlinServer.WithServices(services =>
    {
        var store = services.Single(d => d.ServiceType == typeof(IExecutionRepository));
        services.Remove(store);
        services.AddSingleton<IExecutionRepository>(sp => new Recording((IExecutionRepository)store.ImplementationFactory!(sp), this));
    });

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Every_iteration_is_stored_after_a_committed_parent_state_that_names_it()
    {
        await _server.CreateFlowAsync("id: durable_loop\nnamespace: tests.loop.durable\ntasks:\n  - id: loop\n    type: io.kestra.plugin.core.flow.Loop\n    values: [a, b, c, d, e]\n    concurrencyLimit: 2\n    tasks:\n      - id: each\n        type: io.kestra.plugin.core.debug.Return\n        format: \"{{ item.value }}\"\n");

        var end = await _server.ExecuteAsync("tests.loop.durable", "durable_loop");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(5, _iterationsSaved.Distinct().Count());
        Assert.Empty(_violations);
    }

    private void Committed(Execution execution)
    {
        foreach (var run in execution.TaskRunList)
        {
            if (run.Outputs?.GetValueOrDefault("iterationExecutions") is IReadOnlyDictionary<string, object?> started)
            {
                foreach (var id in started.Values.OfType<string>())
                {
                    _named.TryAdd(id, 0);
                }
            }
        }
    }

    private void Saving(Execution execution)
    {
        if (execution.LoopRun is not null && !_iterationsSaved.Contains(execution.Id))
        {
            _iterationsSaved.Enqueue(execution.Id);
            if (!_named.ContainsKey(execution.Id))
            {
                _violations.Enqueue($"iteration {execution.Id} ({execution.LoopRun.Value}) stored before its parent named it");
            }
        }
    }

    private sealed class Recording(IExecutionRepository store, LoopDurabilityTests test) : ForwardingExecutionRepository(store)
    {
        public override async Task SaveAsync(Execution execution, CancellationToken cancellationToken)
        {
            test.Saving(execution);
            await base.SaveAsync(execution, cancellationToken);
            test.Committed(execution);
        }

        public override async Task CheckpointAsync(Execution execution, CancellationToken cancellationToken)
        {
            test.Saving(execution);
            await base.CheckpointAsync(execution, cancellationToken);
            test.Committed(execution);
        }
    }
}
