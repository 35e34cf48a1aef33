using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// A worker's results go into <c>execution_queue</c> as <see cref="ExecutionEvent.TaskRunReported"/> events; the end of
/// an attempt deletes its job in the same transaction, so a job is either waiting, running or answered, never lost.
/// </summary>
public sealed class PostgresWorkerResultQueue(PostgresDatabase database, PostgresNotifications notifications, PostgresWorkerJobQueue jobs,
    PostgresExecutionQueue executor) : IWorkerResultQueue
{
    public async Task ReportAsync(WorkerResult result, CancellationToken cancellationToken)
    {
        if (jobs.TryReportLocally(result, out var deleteRow))
        {
            if (result.State.IsTerminated())
            {
                jobs.Finished(result.TaskRunId);
            }

            return;
        }

        await database.WriteAsync(
            async context =>
            {
                await QueueResultAsync(context, notifications, result);
                if (result.State.IsTerminated() && deleteRow)
                {
                    await using var delete = await context.CommandAsync("DELETE FROM worker_job_queue WHERE task_run_id = @taskRun");
                    delete.Text("taskRun", result.TaskRunId);
                    await delete.ExecuteNonQueryAsync();
                }

                return true;
            },
            cancellationToken,
            relaxed: true); // lost with a database crash: the job stays claimed, and recovery runs it again
        executor.Queued(result.ExecutionId);
        if (result.State.IsTerminated())
        {
            jobs.Finished(result.TaskRunId);
        }
    }

    /// <summary>Queues a result as an executor event inside an open transaction.</summary>
    internal static async Task QueueResultAsync(PostgresWriteContext context, PostgresNotifications notifications, WorkerResult result)
    {
        var @event = new ExecutionEvent.TaskRunReported(result.TaskRunId, result.State, result.Outputs, result.LogFile, result.DirectoryOutputFiles);
        await using var insert = await context.CommandAsync(
            "INSERT INTO execution_queue (partition, execution_id, event) VALUES (@partition, @id, @event)");
        insert.Int("partition", PostgresPartitions.Of(result.ExecutionId)).Text("id", result.ExecutionId).Text("event", ExecutionEventJson.Serialize(@event));
        await insert.ExecuteNonQueryAsync();
        await notifications.NotifyWithinAsync(context, PostgresChannels.ExecutionQueue);
    }
}
