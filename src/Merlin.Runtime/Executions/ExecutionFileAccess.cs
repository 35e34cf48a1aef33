using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Executions;

/// <summary>
/// The one gate between an execution and internal storage: every read, size, delete and write of
/// a <c>kestra:///</c> URI by a task, a template function or the API goes through here. An execution may touch its
/// own files, those of the execution that triggered it (a subflow's parent, a flow trigger's upstream, as Kestra's
/// <c>read()</c> allows), those of its own subflows, and its namespace files (<c>kestra:///ns/_files/...</c>);
/// anything else is refused with <see cref="FileAccessDeniedException"/>.
/// </summary>
public sealed class ExecutionFileAccess(IFileStorage files, IExecutionRepository executions)
{
    private const string ExecutionsSegment = "/executions/";

    /// <summary>Execution ids looked up per refused URI at most (a namespace or flow may be named "executions" too).</summary>
    private const int MaxSubflowCandidates = 4;

    /// <summary>How many enclosing Loop iterations are looked through for the files of the executions around one.</summary>
    private const int MaxLoopDepth = 16;

    public async Task<Stream> OpenAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        await EnsureAllowedAsync(execution, uri, "read", cancellationToken);
        return await files.GetAsync(uri, cancellationToken);
    }

    public async Task<long> SizeAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        await EnsureAllowedAsync(execution, uri, "read", cancellationToken);
        return await files.SizeAsync(uri, cancellationToken);
    }

    public async Task<bool> DeleteAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        await EnsureAllowedAsync(execution, uri, "delete", cancellationToken);
        return await files.DeleteAsync(uri, cancellationToken);
    }

    /// <summary>Stores a file produced by a task run under that task run's own folder; returns its URI.</summary>
    public Task<string> PutTaskFileAsync(Execution execution, TaskRun taskRun, string fileName, Stream content, CancellationToken cancellationToken) =>
        files.PutAsync(StoragePaths.TaskFile(execution.Namespace, execution.FlowId, execution.Id, taskRun.TaskId, taskRun.Id, fileName), content, cancellationToken);

    /// <summary>Throws <see cref="FileAccessDeniedException"/> unless <paramref name="execution"/> may <paramref name="verb"/> the file.</summary>
    public async Task EnsureAllowedAsync(Execution execution, string uri, string verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(uri);
        if (!await IsAllowedAsync(execution, uri, cancellationToken))
        {
            throw new FileAccessDeniedException(
                $"Unable to {verb} the file '{uri}' as it doesn't belong to the current execution, its parent or subflow executions, or namespace '{execution.Namespace}'");
        }
    }

    private async Task<bool> IsAllowedAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        // Prefixes are compared on the URI as written: any other spelling (percent-encoded, other case) is refused
        // here, and '..' or '.' segments are refused by the file storage itself, so a prefix cannot be escaped.
        if (uri.StartsWith(StoragePaths.ExecutionPrefix(execution.Namespace, execution.FlowId, execution.Id), StringComparison.Ordinal)
            || IsNamespaceFile(execution.Namespace, uri)
            || (Triggering(execution) is { } upstream && uri.StartsWith(upstream, StringComparison.Ordinal)))
        {
            return true;
        }

        return await IsSubflowFileAsync(execution, uri, cancellationToken) || await IsLoopParentFileAsync(execution, uri, cancellationToken);
    }

    /// <summary>A Loop iteration sees the files of the executions it runs in: its parent's, and theirs when loops nest.</summary>
    private async Task<bool> IsLoopParentFileAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        var current = execution;
        for (var depth = 0; depth < MaxLoopDepth && current.LoopRun is { } loopRun; depth++)
        {
            if (uri.StartsWith(StoragePaths.ExecutionPrefix(current.Namespace, current.FlowId, loopRun.ExecutionId), StringComparison.Ordinal))
            {
                return true;
            }

            if (await executions.GetAsync(loopRun.ExecutionId, cancellationToken) is not { } parent)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>The namespace's files, but never another namespace's executions nested below it (<c>ns._files</c> is a valid namespace).</summary>
    private static bool IsNamespaceFile(string @namespace, string uri)
    {
        var prefix = StoragePaths.NamespaceFilesPrefix(@namespace);
        return uri.StartsWith(prefix, StringComparison.Ordinal) && !uri.AsSpan(prefix.Length).Contains(ExecutionsSegment, StringComparison.Ordinal);
    }

    /// <summary>The folder of the execution that triggered this one (subflow parent or flow-trigger upstream), from variables only the server sets.</summary>
    private static string? Triggering(Execution execution)
    {
        var trigger = (execution.Trigger ?? execution.LoopRun?.Trigger)?.Variables;
        return trigger is not null && trigger.GetValueOrDefault("namespace") is string ns && trigger.GetValueOrDefault("flowId") is string flowId
            && trigger.GetValueOrDefault("executionId") is string id
            ? StoragePaths.ExecutionPrefix(ns, flowId, id)
            : null;
    }

    /// <summary>A file of a subflow execution this one started: the id after any <c>/executions/</c> names a child whose own folder holds the URI.</summary>
    private async Task<bool> IsSubflowFileAsync(Execution execution, string uri, CancellationToken cancellationToken)
    {
        var candidates = 0;
        for (var at = uri.IndexOf(ExecutionsSegment, StringComparison.Ordinal); at >= 0 && candidates < MaxSubflowCandidates; at = uri.IndexOf(ExecutionsSegment, at + 1, StringComparison.Ordinal))
        {
            candidates++;
            var start = at + ExecutionsSegment.Length;
            var end = uri.IndexOf('/', start);
            if (end <= start)
            {
                continue;
            }

            var child = await executions.GetAsync(uri[start..end], cancellationToken);
            if (child is not null && child.ParentId == execution.Id
                && uri.StartsWith(StoragePaths.ExecutionPrefix(child.Namespace, child.FlowId, child.Id), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
