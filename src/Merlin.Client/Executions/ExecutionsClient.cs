using System.Runtime.CompilerServices;
using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Executions;

/// <summary><c>/api/v1/executions</c>: start flows with inputs and files, watch, wait, kill, restart, resume.</summary>
public sealed class ExecutionsClient
{
    private readonly ApiConnection _api;

    internal ExecutionsClient(ApiConnection api) => _api = api;

    /// <summary>
    /// Starts an execution of a flow (its latest revision, or <paramref name="revision"/>); with
    /// <paramref name="wait"/> the answer comes once it has ended (or paused).
    /// </summary>
    public Task<Execution> RunAsync(string @namespace, string flowId, ExecutionInputs? inputs = null, bool wait = false, int? revision = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString().Add("wait", wait ? true : null).Add("revision", revision)
            .AddAll("labels", inputs?.Labels.Select(l => $"{l.Key}:{l.Value}"));
        return _api.SendAsync<Execution>(HttpMethod.Post, $"api/v1/executions/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(flowId)}{query}",
            (inputs ?? new ExecutionInputs()).ToContent(), cancellationToken);
    }

    /// <summary>An execution with its task runs.</summary>
    public Task<Execution> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Execution>(HttpMethod.Get, $"api/v1/executions/{ApiConnection.Escape(id)}", null, cancellationToken);

    /// <summary>Searches executions, newest first.</summary>
    public Task<PagedResults<Execution>> SearchAsync(ExecutionQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ExecutionQuery();
        var text = new QueryString().Add("namespace", query.Namespace).Add("flowId", query.FlowId)
            .AddAll("state", query.States?.Select(s => s.ToString())).AddAll("labels", query.Labels)
            .Add("startDate", query.StartDate).Add("endDate", query.EndDate).Add("parentId", query.ParentId).Add("page", query.Page).Add("size", query.Size);
        return _api.SendAsync<PagedResults<Execution>>(HttpMethod.Get, "api/v1/executions/search" + text, null, cancellationToken);
    }

    /// <summary>Asks a running execution to stop; it ends KILLED.</summary>
    public Task KillAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/v1/executions/{ApiConnection.Escape(id)}/kill", null, cancellationToken);

    /// <summary>Restarts a FAILED execution from its failed tasks.</summary>
    public Task<Execution> RestartAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Execution>(HttpMethod.Post, $"api/v1/executions/{ApiConnection.Escape(id)}/restart", null, cancellationToken);

    /// <summary>Resumes a PAUSED execution, with the Pause task's <c>onResume</c> inputs if any.</summary>
    public Task ResumeAsync(string id, ExecutionInputs? inputs = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"api/v1/executions/{ApiConnection.Escape(id)}/resume", (inputs ?? new ExecutionInputs()).ToContent(), cancellationToken);

    /// <summary>Deletes a terminated execution with its logs and files.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/v1/executions/{ApiConnection.Escape(id)}", null, cancellationToken);

    /// <summary>The execution now, then at every change until it ends (server-sent events).</summary>
    public IAsyncEnumerable<Execution> FollowAsync(string id, CancellationToken cancellationToken = default) =>
        _api.StreamAsync<Execution>($"api/v1/executions/{ApiConnection.Escape(id)}/follow", cancellationToken);

    /// <summary>Follows the execution until it is terminated and returns its final value.</summary>
    public async Task<Execution> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        Execution? last = null;
        await foreach (var execution in FollowAsync(id, cancellationToken))
        {
            last = execution;
            if (execution.State.IsTerminated)
            {
                return execution;
            }
        }

        // The stream ended early (a proxy closed it): read the stored state instead of guessing.
        last = await GetAsync(id, cancellationToken);
        return last.State.IsTerminated ? last : await WaitAsync(id, cancellationToken);
    }

    /// <summary>Downloads an execution's file (a <c>kestra:///...</c> URI from its inputs or outputs).</summary>
    public async Task<Stream> DownloadFileAsync(string id, string path, CancellationToken cancellationToken = default)
    {
        var response = await _api.SendRawAsync(HttpMethod.Get, $"api/v1/executions/{ApiConnection.Escape(id)}/file" + new QueryString().Add("path", path),
            null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }
}
