using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging;

/// <summary>The end of a task run attempt, as a worker reports it.</summary>
/// <param name="ExecutionId">The execution the task run belongs to.</param>
/// <param name="TaskRunId">The task run.</param>
/// <param name="State">How the attempt ended.</param>
/// <param name="Outputs">What the task returned, when it succeeded.</param>
/// <param name="LogFile">The attempt's log file (<c>logToFile</c>), if any.</param>
/// <param name="DirectoryOutputFiles">Inside a WorkingDirectory with <c>outputFiles</c>: its matching files, relative path → URI.</param>
public readonly record struct WorkerResult(string ExecutionId, string TaskRunId, StateType State, IReadOnlyDictionary<string, object?>? Outputs, string? LogFile,
    IReadOnlyDictionary<string, string>? DirectoryOutputFiles = null);
