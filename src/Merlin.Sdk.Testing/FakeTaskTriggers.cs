using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>
/// The triggers of the flows in memory: namespace, flow and trigger id to whether it is enabled. A trigger that is not
/// listed does not exist on its flow and cannot be toggled, with the server's message.
/// </summary>
public sealed class FakeTaskTriggers : ITaskTriggers
{
    public Dictionary<(string Namespace, string FlowId, string TriggerId), bool> Enabled { get; } = [];

    public Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken)
    {
        if (!Enabled.ContainsKey((@namespace, flowId, triggerId)))
        {
            return Task.FromException(new InvalidOperationException($"Trigger '{triggerId}' not found on flow '{@namespace}.{flowId}'"));
        }

        Enabled[(@namespace, flowId, triggerId)] = enabled;
        return Task.CompletedTask;
    }
}
