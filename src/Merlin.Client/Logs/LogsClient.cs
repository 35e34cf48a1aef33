using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Logs;

/// <summary><c>/api/v1/logs</c>: an execution's logs, listed, followed live, or downloaded as text.</summary>
public sealed class LogsClient
{
    private readonly ApiConnection _api;

    internal LogsClient(ApiConnection api) => _api = api;

    /// <summary>The logs of an execution (or of one task run), from <paramref name="minLevel"/> up.</summary>
    public Task<IReadOnlyList<LogEntry>> ListAsync(string executionId, LogLevel? minLevel = null, string? taskRunId = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<LogEntry>>(HttpMethod.Get,
            $"api/v1/logs/{ApiConnection.Escape(executionId)}" + new QueryString().Add("minLevel", minLevel?.ToString()).Add("taskRunId", taskRunId),
            null, cancellationToken);

    /// <summary>Every log line of an execution as it is written; the stream ends with the execution.</summary>
    public IAsyncEnumerable<LogEntry> FollowAsync(string executionId, LogLevel? minLevel = null, CancellationToken cancellationToken = default) =>
        _api.StreamAsync<LogEntry>($"api/v1/logs/{ApiConnection.Escape(executionId)}/follow" + new QueryString().Add("minLevel", minLevel?.ToString()), cancellationToken);

    /// <summary>The logs as plain text, one line per entry.</summary>
    public async Task<string> DownloadAsync(string executionId, LogLevel? minLevel = null, CancellationToken cancellationToken = default)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Get,
            $"api/v1/logs/{ApiConnection.Escape(executionId)}/download" + new QueryString().Add("minLevel", minLevel?.ToString()),
            null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
