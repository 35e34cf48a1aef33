using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// A worker's results go into <c>execution_queue</c> as <see cref="ExecutionEvent.TaskRunReported"/> events; the end of
/// an attempt deletes its job in the same transaction, so a job is either waiting, running or answered, never lost.
/// </summary>
public sealed class PostgresWorkerResultQueue(PostgresDatabase database, PostgresWorkerJobQueue jobs,
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
            context =>
            {
                executor.QueueResult(context, result);
                if (result.State.IsTerminated() && deleteRow)
                {
                    context.Defer("DELETE FROM worker_job_queue WHERE task_run_id = @taskRun", c => c.Text("taskRun", result.TaskRunId));
                }

                return Task.FromResult(true);
            },
            cancellationToken,
            relaxed: true); // lost with a database crash: the job stays claimed, and recovery runs it again
        executor.Queued(result.ExecutionId);
        if (result.State.IsTerminated())
        {
            jobs.Finished(result.TaskRunId);
        }
    }
}
