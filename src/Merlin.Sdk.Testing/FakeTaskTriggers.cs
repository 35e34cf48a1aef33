using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>
/// Trigger states in memory: namespace, flow and trigger id to whether it is enabled. A trigger without a state cannot be
/// toggled, as in the server.
/// </summary>
public sealed class FakeTaskTriggers : ITaskTriggers
{
    public Dictionary<(string Namespace, string FlowId, string TriggerId), bool> Enabled { get; } = [];

    public Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken)
    {
        if (!Enabled.ContainsKey((@namespace, flowId, triggerId)))
        {
            return Task.FromException(new InvalidOperationException($"Unable to find trigger {triggerId} for the flow {@namespace}.{flowId}"));
        }

        Enabled[(@namespace, flowId, triggerId)] = enabled;
        return Task.CompletedTask;
    }
}
