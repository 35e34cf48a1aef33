using System.Collections.Concurrent;
using Merlin.Core.Executions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// The local directories tasks work in, under one root of this server's own (its data directory's temp area): one per
/// WorkingDirectory task run, shared by its children and removed once that task run ended (<see cref="Release"/>), and
/// one per attempt of any other task, removed when the attempt ends. Nothing survives a restart: the root is emptied
/// when the server starts.
/// </summary>
public sealed class WorkingDirectories
{
    private readonly string _root;
    private readonly ILogger<WorkingDirectories> _logger;

    // Execution id → WorkingDirectory task run id → its directory.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SharedWorkingDirectory>> _shared = new();

    public WorkingDirectories(string root, ILogger<WorkingDirectories> logger)
    {
        _root = Path.GetFullPath(root);
        _logger = logger;
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true); // leftovers of a previous run
        }
    }

    /// <summary>The shared directory of a WorkingDirectory task run, created by the first child that asks.</summary>
    public SharedWorkingDirectory Shared(string executionId, string taskRunId) =>
        _shared.GetOrAdd(executionId, _ => new ConcurrentDictionary<string, SharedWorkingDirectory>())
            .GetOrAdd(taskRunId, _ => new SharedWorkingDirectory(Create()));

    /// <summary>A fresh directory of one attempt's own; the caller deletes it with <see cref="Delete"/>.</summary>
    public string Private() => Create();

    /// <summary>
    /// Removes the shared directories whose WorkingDirectory task run ended (or left the execution, as on a restart);
    /// all of them once the execution ended.
    /// </summary>
    public void Release(Execution execution)
    {
        if (!_shared.TryGetValue(execution.Id, out var directories))
        {
            return;
        }

        foreach (var (taskRunId, directory) in directories)
        {
            if (execution.State.IsTerminated || execution.FindTaskRun(taskRunId) is not { } run || run.State.IsTerminated)
            {
                directories.TryRemove(taskRunId, out _);
                Delete(directory.Path);
            }
        }

        if (directories.IsEmpty)
        {
            _shared.TryRemove(execution.Id, out _);
        }
    }

    public void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not remove the working directory {Path}", path);
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogWarning(e, "Could not remove the working directory {Path}", path);
        }
    }

    // A fresh name each time: a restarted WorkingDirectory never meets files of its previous run.
    private string Create() => Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;
}
