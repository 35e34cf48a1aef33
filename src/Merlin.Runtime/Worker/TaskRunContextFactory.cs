using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Metrics;
using Merlin.Runtime.Secrets;

namespace Merlin.Runtime.Worker;

/// <summary>Builds the context a task runs with (rendering, logs, metrics, files, KV, secrets, HTTP).</summary>
public sealed class TaskRunContextFactory(ExecutionFileAccess files, ILogRepository logRepository, IKvStore kv, ExecutionLogWriter logs, IHttpClientFactory http,
    SecretCipher cipher, SecretStore secrets, INamespaceFileStore namespaceFiles, WorkingDirectories directories, ITaskExecutions executions, ITaskTriggers triggers, TaskSettings settings,
    TaskMetricWriter metrics, TimeProvider clock)
{
    /// <summary>Handed to every context, which calls it only if its task uses HTTP (one delegate for all).</summary>
    private readonly Func<HttpClient> newClient = () => http.CreateClient("tasks");

    /// <param name="budget">Shared by every render of this task run: steps, time, kill and timeout.</param>
    /// <param name="bufferLogs">Hold log lines back until <see cref="TaskRunContext.FlushLogs"/>, so an attempt that is abandoned (moved off the executor loop) leaves none.</param>
    public TaskRunContext Create(Execution execution, WorkerJob job, RunnableTask task, TemplateEngine templates, RenderBudget budget, bool bufferLogs)
    {
        // SECRET values (job.Secrets: inputs and onResume inputs, stored encrypted) are decrypted here only, for this task's rendering; its logs mask them.
        var clear = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var encrypted in job.Secrets ?? [])
        {
            clear.TryAdd(encrypted, cipher.Decrypt(encrypted));
        }

        var mask = new SecretMask(clear.Values);
        var variables = clear.Count > 0 ? SecretValues.Reveal(new Dictionary<string, object?>(job.Variables), clear) : job.Variables;
        var host = new TemplateHost(execution, files, logRepository, kv, mask, secrets, namespaceFiles);
        return new TaskRunContext(execution, job.TaskRun, task, templates, new TemplateContext(variables, host, budget), logs, files, newClient,
            new TaskCapabilities(kv, host, namespaceFiles, executions, triggers, settings), logRepository, mask,
            directories, job.Directory is { } shared ? directories.Shared(execution.Id, shared.TaskRunId) : null, new TaskRunMetrics(job.TaskRun, metrics, clock))
        {
            BufferLogs = bufferLogs,
        };
    }
}
