using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>Records the executions a task resumes.</summary>
public sealed class FakeTaskExecutions : ITaskExecutions
{
    private readonly List<(string ExecutionId, IReadOnlyDictionary<string, object?>? Inputs)> _resumed = [];

    public IReadOnlyList<(string ExecutionId, IReadOnlyDictionary<string, object?>? Inputs)> Resumed => _resumed;

    public Task ResumeAsync(string executionId, IReadOnlyDictionary<string, object?>? inputs, CancellationToken cancellationToken)
    {
        _resumed.Add((executionId, inputs));
        return Task.CompletedTask;
    }
}
