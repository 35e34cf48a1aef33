using System.Collections.Concurrent;
using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Answers to <see cref="IExecutionQueue.ApplyAsync"/> across processes: the executor writes the execution as the event
/// left it into <c>execution_replies</c> and wakes the sender, which reads and deletes it. When the sender is in the
/// executor's own process, the answer is handed over in memory.
/// </summary>
public sealed class PostgresExecutionReplies : IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresNotifications _notifications;
    private readonly PostgresMessagingOptions _options;
    private readonly ILogger<PostgresExecutionReplies> _logger;
    private readonly ConcurrentDictionary<string, Waiting> _waiting = new();
    private readonly IDisposable _listening;

    public PostgresExecutionReplies(PostgresDatabase database, PostgresNotifications notifications, PostgresMessagingOptions options,
        ILogger<PostgresExecutionReplies> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        _database = database;
        _notifications = notifications;
        _options = options;
        _logger = logger;
        _listening = notifications.Listen(PostgresChannels.ExecutionReply, replyId =>
        {
            if (_waiting.TryGetValue(replyId, out var waiting))
            {
                waiting.Wake();
            }
        });
    }

    /// <summary>Registers the sender's wait before it sends, so an answer cannot come first unseen.</summary>
    public Waiting Expect(string replyId) => _waiting[replyId] = new Waiting(this, replyId);

    /// <summary>The executor's side: where to answer the event that carried <paramref name="replyId"/>.</summary>
    public IExecutionReply To(string replyId) => new Reply(this, replyId);

    public void Dispose() => _listening.Dispose();

    private async Task AnswerAsync(string replyId, Execution? execution, string? error)
    {
        if (_waiting.TryGetValue(replyId, out var local))
        {
            local.Complete(execution, error);
            return;
        }

        try
        {
            await _database.WriteAsync(
                context =>
                {
                    var json = execution is null ? null : KestraJson.Serialize(execution);
                    context.Defer(
                        "INSERT INTO execution_replies (reply_id, execution, error) VALUES (@id, @execution, @error) ON CONFLICT (reply_id) DO NOTHING",
                        c => c.Text("id", replyId).Text("execution", json).Text("error", error));
                    _notifications.NotifyWithin(context, PostgresChannels.ExecutionReply, replyId);
                    return Task.FromResult(true);
                },
                CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Could not answer request {ReplyId}; its sender times out: {Error}", replyId, e.Message);
        }
    }

    private sealed class Reply(PostgresExecutionReplies replies, string replyId) : IExecutionReply
    {
        public void Applied(Execution? execution) => _ = replies.AnswerAsync(replyId, execution, null);

        public void Failed(Exception error) => _ = replies.AnswerAsync(replyId, null, error.Message);
    }

    /// <summary>One sender's wait for its answer: woken by the notification, or by polling the table when it was lost.</summary>
    public sealed class Waiting(PostgresExecutionReplies replies, string replyId) : IDisposable
    {
        private readonly TaskCompletionSource<Execution?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _wake = new(0);

        internal void Wake() => _wake.Release();

        internal void Complete(Execution? execution, string? error)
        {
            if (error is null)
            {
                _answer.TrySetResult(execution);
            }
            else
            {
                _answer.TrySetException(new InvalidOperationException(error));
            }
        }

        public async Task<Execution?> ResultAsync(CancellationToken cancellationToken)
        {
            var poll = replies._options.PollInterval / 4;
            while (!_answer.Task.IsCompleted)
            {
                var woken = _wake.WaitAsync(poll, cancellationToken);
                await Task.WhenAny(woken, _answer.Task);
                if (_answer.Task.IsCompleted)
                {
                    break;
                }

                await woken;
                var rows = await replies._database.QueryAsync(
                    "DELETE FROM execution_replies WHERE reply_id = @id RETURNING execution, error",
                    c => c.Text("id", replyId),
                    r => (Execution: r.IsDBNull(0) ? null : r.GetString(0), Error: r.IsDBNull(1) ? null : r.GetString(1)),
                    cancellationToken);
                if (rows.Count == 1)
                {
                    Complete(rows[0].Execution is { } json ? KestraJson.Deserialize<Execution>(json) : null, rows[0].Error);
                }
            }

            return await _answer.Task;
        }

        public void Dispose()
        {
            replies._waiting.TryRemove(replyId, out _);
            _wake.Dispose();
        }
    }
}
