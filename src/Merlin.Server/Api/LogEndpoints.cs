using System.Text;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Messaging;
using LogLevel = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/logs</c> routes.</summary>
internal static class LogEndpoints
{
    public static void MapLogEndpoints(this IEndpointRouteBuilder app)
    {
        var logs = app.MapGroup("/api/v1/logs");

        logs.MapGet("/{executionId}", async (string executionId, string? minLevel, string? taskRunId, ILogRepository repository, CancellationToken ct) =>
            Results.Json(await repository.ListAsync(executionId, Level(minLevel), taskRunId, ct), KestraJson.Options));

        // Kestra's LogEntry.toPrettyString: "<instant> <LEVEL> <message>", lines joined by a line feed (none after the last).
        logs.MapGet("/{executionId}/download", async (string executionId, string? minLevel, string? taskRunId, string? taskId, int? attempt, ILogRepository repository, CancellationToken ct) =>
        {
            var entries = (await repository.ListAsync(executionId, Level(minLevel), taskRunId, ct))
                .Where(e => (taskId is null || e.TaskId == taskId) && (attempt is null || e.AttemptNumber == attempt));
            var text = string.Join('\n', entries.Select(e => $"{InstantConverter.Format(e.Timestamp)} {e.Level} {e.Message}"));
            return Results.File(Encoding.UTF8.GetBytes(text), "text/plain", executionId + ".log");
        });

        logs.MapGet("/{executionId}/follow", async (string executionId, string? minLevel, HttpContext http, ExecutionQueries queries, IExecutionChanges notifier, ILogRepository repository, CancellationToken ct) =>
        {
            var changes = notifier.Follow(executionId, ct);
            var execution = await queries.GetAsync(executionId, ct) ?? throw new NotFoundException($"Execution '{executionId}' not found");
            await ServerSentEvents.StartAsync(http.Response, ct);
            var sent = 0;
            var done = execution.State.IsTerminated;
            while (true)
            {
                var entries = await repository.ListAsync(executionId, Level(minLevel), null, ct);
                foreach (var entry in entries.Skip(sent))
                {
                    await ServerSentEvents.WriteAsync(http.Response, KestraJson.Serialize(entry), ct);
                }

                sent = Math.Max(sent, entries.Count);
                if (done || !await changes.WaitToReadAsync(ct))
                {
                    if (!done)
                    {
                        done = true;
                        continue; // one last read after the terminal change
                    }

                    return;
                }

                while (changes.TryRead(out var change))
                {
                    done |= change.State.IsTerminated;
                }
            }
        });
    }

    private static LogLevel Level(string? minLevel) =>
        string.IsNullOrEmpty(minLevel) ? LogLevel.TRACE
        : Enum.TryParse<LogLevel>(minLevel, true, out var level) ? level
        : throw new BadRequestException($"unknown log level '{minLevel}'");
}
