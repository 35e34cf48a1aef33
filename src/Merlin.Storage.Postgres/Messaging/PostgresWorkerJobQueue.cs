using System.Collections.Concurrent;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Runtime.Cluster;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Task runs in <c>worker_job_queue</c>. A worker claims waiting jobs in batches (<c>FOR UPDATE SKIP LOCKED</c>, so
/// workers never wait on each other), as many as it has free slots; the job stays, marked with its worker, until the
/// worker's result deletes it in the transaction that queues the result (<see cref="PostgresWorkerResultQueue"/>). Jobs
/// of a worker gone from <c>service_instances</c> wait again for any worker: at least once, as Kestra. The children of a
/// WorkingDirectory share a directory on one machine, so they go to the worker that took the first.
/// <para>
/// A job of an execution whose partition this process's executor owns, dispatched while this process's worker has a
/// free slot, runs here without the table (not a WorkingDirectory's child: those follow the table's affinity), and its
/// result goes straight back to the executor (<see cref="PostgresExecutionQueue.TryDeliverLocally"/>). If the process
/// dies, the next owner of the partition runs it again (at least once); if the partition is handed over while it runs,
/// it is first written to the table as claimed by this worker, so the next owner waits for its result. Local tasks
/// (<see cref="LocalTasks"/>: Log, Return...) run so in an executor's process without a worker too.
/// </para>
/// </summary>
public sealed class PostgresWorkerJobQueue : IWorkerJobQueue, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresExecutionQueue _executor;
    private readonly PostgresNotifications _notifications;
    private readonly PostgresMessagingOptions _options;
    private readonly LocalInstance _instance;
    private readonly ILogger<PostgresWorkerJobQueue> _logger;
    private readonly ConcurrentDictionary<string, byte> _running = new();

    /// <summary>Jobs running here without a row in the table (task run id to job), until their end is reported or they are spilled.</summary>
    private readonly ConcurrentDictionary<string, LocalJob> _local = new();
    private readonly ConsumerLoop _claimer;
    private IWorkerJobHandler? _worker;

    /// <summary>This process's executor's task worker, for local tasks, when it has no worker component (<see cref="SubscribeLocal"/>).</summary>
    private IWorkerJobHandler? _localTasks;

    /// <summary>1 while the claim loop waits for a free slot (every slot taken), so that the next end wakes it.</summary>
    private int _full;

    public PostgresWorkerJobQueue(PostgresDatabase database, PostgresExecutionQueue executor, PostgresNotifications notifications,
        PostgresPartitionLeases leases, PostgresMessagingOptions options, LocalInstance instance, ILogger<PostgresWorkerJobQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(leases);
        leases.Releasing += SpillAsync;
        _instance = instance;
        _database = database;
        _executor = executor;
        _notifications = notifications;
        _options = options;
        _logger = logger;
        _claimer = new ConsumerLoop("claim worker jobs", options.PollInterval, logger);
    }

    public async Task DispatchAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var here = Volatile.Read(ref _worker) ?? (LocalTasks.Allows(job.Task) ? Volatile.Read(ref _localTasks) : null);
        if (job.Directory is null && here is { } worker && _running.Count < _options.WorkerSlots && _executor.OwnsLocally(job.ExecutionId))
        {
            _local[job.TaskRunId] = new LocalJob(job);
            _running[job.TaskRunId] = 0;
            worker.Run(job);
            return;
        }

        var json = KestraJson.Serialize(job);
        await _database.WriteAsync(
            context =>
            {
                context.Defer(
                    "INSERT INTO worker_job_queue (task_run_id, execution_id, affinity, job) VALUES (@taskRun, @execution, @affinity, @job)",
                    c => c.Text("taskRun", job.TaskRunId).Text("execution", job.ExecutionId).Text("affinity", job.Directory?.TaskRunId).Text("job", json));
                _notifications.NotifyWithin(context, PostgresChannels.WorkerJobQueue);
                return Task.FromResult(true);
            },
            cancellationToken,
            relaxed: true); // lost with a database crash: recovery runs the task run again
        if (_worker is not null)
        {
            Wake();
        }
    }

    /// <summary>
    /// A job no worker took yet is removed and reported KILLED in the same transaction; one running is interrupted by
    /// the worker that runs it, told by a notification.
    /// </summary>
    public async Task KillAsync(string taskRunId, CancellationToken cancellationToken)
    {
        var killed = await _database.WriteAsync(
            async context =>
            {
                await using var delete = await context.CommandAsync(
                    "DELETE FROM worker_job_queue WHERE task_run_id = @taskRun AND claimed_by IS NULL RETURNING execution_id");
                delete.Text("taskRun", taskRunId);
                var executionId = (string?)await delete.ExecuteScalarAsync();
                if (executionId is not null)
                {
                    _executor.QueueResult(context, new WorkerResult(executionId, taskRunId, StateType.KILLED, null, null));
                }

                return executionId;
            },
            cancellationToken);
        if (killed is not null)
        {
            _executor.Queued(killed);
        }

        _worker?.Kill(taskRunId);
        _localTasks?.Kill(taskRunId);
        await _notifications.NotifyAsync(PostgresChannels.WorkerKill, taskRunId, cancellationToken);
    }

    /// <summary>
    /// Jobs still in the table are waiting, running, or back to waiting after their worker died: all will report; so will
    /// those running here without the table; and those whose result waits in <c>execution_queue</c> have reported.
    /// </summary>
    public async Task<IReadOnlyList<(string ExecutionId, string TaskRunId)>> InFlightAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken)
    {
        if (executionIds.Count == 0)
        {
            return [];
        }

        // A result already queued counts too: its job row is gone, but the executor applies it after the replay.
        var stored = await _database.QueryAsync(
            """
            SELECT execution_id, task_run_id FROM worker_job_queue WHERE execution_id = ANY(@ids)
            UNION ALL
            SELECT execution_id, event::jsonb -> 'event' ->> 'taskRunId' FROM execution_queue
            WHERE execution_id = ANY(@ids) AND event::jsonb ->> 'type' = 'TaskRunReported'
            """,
            c => c.Parameters.AddWithValue("ids", executionIds.ToArray()),
            r => (r.GetString(0), r.GetString(1)),
            cancellationToken);
        var ids = executionIds.ToHashSet();
        return [.. stored, .. _local.Values.Select(l => l.Job).Where(j => ids.Contains(j.ExecutionId)).Select(j => (j.ExecutionId, j.TaskRunId))];
    }

    /// <summary>
    /// A job's report: true when it ran here without the table and went straight to this process's executor; false when
    /// it must go through the table (then <paramref name="deleteRow"/> says whether its job may have a row to delete).
    /// </summary>
    internal bool TryReportLocally(WorkerResult result, out bool deleteRow)
    {
        deleteRow = true;
        if (!result.State.IsTerminated())
        {
            return _local.ContainsKey(result.TaskRunId) && _executor.TryDeliverLocally(result.ExecutionId, Reported(result));
        }

        if (!_local.TryRemove(result.TaskRunId, out var local))
        {
            return false; // a job of the table
        }

        lock (local)
        {
            local.Reported = true;
            deleteRow = local.Spilled; // its row was queued before this result: the result deletes it
        }

        return !deleteRow && _executor.TryDeliverLocally(result.ExecutionId, Reported(result));
    }

    private static ExecutionEvent.TaskRunReported Reported(WorkerResult result) =>
        new(result.TaskRunId, result.State, result.Outputs, result.LogFile, result.DirectoryOutputFiles);

    /// <summary>Partitions handed over: the local jobs of their executions get rows claimed by this worker, for the next owner to wait for.</summary>
    private async Task SpillAsync(IReadOnlyList<int> partitions)
    {
        foreach (var local in _local.Values.Where(l => partitions.Contains(_executor.PartitionOf(l.Job.ExecutionId))).ToList())
        {
            var job = local.Job;
            var json = KestraJson.Serialize(job);
            Task written;
            lock (local)
            {
                if (local.Reported)
                {
                    continue;
                }

                // Queued under the lock: a result reported from now on is queued after this row, and deletes it.
                local.Spilled = true;
                written = _database.WriteAsync(
                    async context =>
                    {
                        await using var insert = await context.CommandAsync(
                            "INSERT INTO worker_job_queue (task_run_id, execution_id, job, claimed_by, claimed_at) VALUES (@taskRun, @execution, @job, @me, now())");
                        insert.Text("taskRun", job.TaskRunId).Text("execution", job.ExecutionId).Text("job", json).Text("me", _instance.Id);
                        await insert.ExecuteNonQueryAsync();
                        return true;
                    },
                    CancellationToken.None);
            }

            await written;
        }
    }

    /// <summary>A job running here without the table; <see cref="Spilled"/> once written to it for the partition's next owner.</summary>
    private sealed class LocalJob(WorkerJob job)
    {
        public WorkerJob Job { get; } = job;

        public bool Spilled { get; set; }

        public bool Reported { get; set; }
    }

    /// <summary>Local tasks dispatched here run on <paramref name="worker"/> while no worker component subscribed (<see cref="Subscribe"/>).</summary>
    public IDisposable SubscribeLocal(IWorkerJobHandler worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (Interlocked.CompareExchange(ref _localTasks, worker, null) is not null)
        {
            throw new InvalidOperationException("A task worker already runs this process's local tasks");
        }

        return new LocalUnsubscriber(this);
    }

    private sealed class LocalUnsubscriber(PostgresWorkerJobQueue queue) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref queue._localTasks, null);
    }

    public IDisposable Subscribe(IWorkerJobHandler worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (Interlocked.CompareExchange(ref _worker, worker, null) is not null)
        {
            throw new InvalidOperationException("A worker already takes this process's jobs");
        }

        var subscriptions = new[]
        {
            _notifications.Listen(PostgresChannels.WorkerJobQueue, _ => Wake()),
            _notifications.Listen(PostgresChannels.WorkerKill, worker.Kill),
            _notifications.OnReconnected(Wake),
        };
        var lastOrphanCheck = long.MinValue;
        _claimer.Start(async cancellationToken =>
        {
            if (lastOrphanCheck == long.MinValue || System.Diagnostics.Stopwatch.GetElapsedTime(lastOrphanCheck) >= _options.PollInterval)
            {
                lastOrphanCheck = System.Diagnostics.Stopwatch.GetTimestamp(); // once per interval, not per wake-up
                await RequeueOrphansAsync(cancellationToken);
            }

            var free = _options.WorkerSlots - _running.Count;
            if (free <= 0)
            {
                Volatile.Write(ref _full, 1); // the next end wakes the loop
                return _options.WorkerSlots - _running.Count > 0; // a slot freed meanwhile: look again at once
            }

            if (Volatile.Read(ref _worker) is not { } current)
            {
                return false;
            }

            var jobs = await ClaimAsync(free, cancellationToken);
            foreach (var job in jobs)
            {
                _running[job.TaskRunId] = 0;
                current.Run(job);
            }

            return jobs.Count == free;
        });
        return new Unsubscriber(this, subscriptions);
    }

    /// <summary>
    /// The worker reported the end of a job: its slot is free. Claiming resumes only if the slots were all taken (a
    /// worker with a free slot already took every waiting job, and a new one notifies it).
    /// </summary>
    internal void Finished(string taskRunId)
    {
        if (_running.TryRemove(taskRunId, out _) && Interlocked.Exchange(ref _full, 0) == 1)
        {
            Wake();
        }
    }

    private void Wake() => _claimer.Wake();

    private async Task<List<WorkerJob>> ClaimAsync(int slots, CancellationToken cancellationToken)
    {
        var claimed = await _database.WriteAsync(
            async context =>
            {
                await using var claim = await context.CommandAsync("""
                    WITH waiting AS (
                        SELECT j.id FROM worker_job_queue j
                        WHERE j.claimed_by IS NULL
                          AND (j.affinity IS NULL OR NOT EXISTS (
                                SELECT 1 FROM worker_affinity a
                                WHERE a.affinity = j.affinity AND a.worker_id <> @me
                                  AND a.worker_id IN (SELECT id FROM service_instances)))
                        ORDER BY j.id LIMIT @slots
                        FOR UPDATE OF j SKIP LOCKED)
                    UPDATE worker_job_queue j SET claimed_by = @me, claimed_at = now()
                    FROM waiting WHERE j.id = waiting.id
                    RETURNING j.affinity, j.job, j.task_run_id, j.execution_id
                    """);
                claim.Text("me", _instance.Id).Int("slots", slots);
                var rows = new List<(string? Affinity, string Job, string TaskRunId, string ExecutionId)>();
                await using (var reader = await claim.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                    }
                }

                var affinities = rows.Where(r => r.Affinity is not null).Select(r => r.Affinity!).Distinct().ToArray();
                if (affinities.Length > 0)
                {
                    await using var pin = await context.CommandAsync("""
                        INSERT INTO worker_affinity (affinity, worker_id) SELECT unnest(@affinities), @me
                        ON CONFLICT (affinity) DO UPDATE SET worker_id = excluded.worker_id
                        """);
                    pin.Parameters.AddWithValue("affinities", affinities);
                    pin.Text("me", _instance.Id);
                    await pin.ExecuteNonQueryAsync();
                }

                return rows;
            },
            cancellationToken,
            relaxed: true); // lost with a database crash: the job is claimed again (at least once)
        var jobs = new List<WorkerJob>(claimed.Count);
        foreach (var row in claimed)
        {
            try
            {
                jobs.Add(KestraJson.Deserialize<WorkerJob>(row.Job) ?? throw new System.Text.Json.JsonException("an empty job"));
            }
            catch (System.Text.Json.JsonException e)
            {
                _logger.LogError("Task run {TaskRunId} failed: its job could not be read ({Error})", row.TaskRunId, e.Message);
                await FailUnreadableAsync(row.ExecutionId, row.TaskRunId, cancellationToken);
            }
        }

        return jobs;
    }

    /// <summary>A job no worker can read (written by another version?) fails its task run instead of staying claimed forever.</summary>
    private async Task FailUnreadableAsync(string executionId, string taskRunId, CancellationToken cancellationToken)
    {
        await _database.WriteAsync(
            context =>
            {
                _executor.QueueResult(context, new WorkerResult(executionId, taskRunId, StateType.FAILED, null, null));
                context.Defer("DELETE FROM worker_job_queue WHERE task_run_id = @taskRun", c => c.Text("taskRun", taskRunId));
                return Task.FromResult(true);
            },
            cancellationToken);
        _executor.Queued(executionId);
    }

    /// <summary>
    /// Jobs claimed by workers no longer in <c>service_instances</c> (dead: missed heartbeats) wait again. A worker judges
    /// others only while it is registered itself: one whose own heartbeats fail has no current view.
    /// </summary>
    private async Task RequeueOrphansAsync(CancellationToken cancellationToken)
    {
        var requeued = await _database.ExecuteAsync("""
            UPDATE worker_job_queue SET claimed_by = NULL, claimed_at = NULL
            WHERE claimed_by IS NOT NULL AND claimed_by NOT IN (SELECT id FROM service_instances)
              AND EXISTS (SELECT 1 FROM service_instances WHERE id = @me)
            """, c => c.Text("me", _instance.Id), cancellationToken);
        if (requeued > 0)
        {
            _logger.LogWarning("{Count} task runs of workers that stopped heartbeating are run again", requeued);
        }
    }

    public ValueTask DisposeAsync() => _claimer.DisposeAsync();

    private sealed class Unsubscriber(PostgresWorkerJobQueue queue, IDisposable[] subscriptions) : IDisposable
    {
        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            Interlocked.Exchange(ref queue._worker, null); // the claim loop takes nothing more for it
        }
    }
}
