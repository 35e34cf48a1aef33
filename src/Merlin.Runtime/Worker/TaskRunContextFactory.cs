using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Worker;

/// <summary>Builds the context a task runs with (rendering, logs, files, HTTP).</summary>
public sealed class TaskRunContextFactory(IServiceProvider services, ExecutionFileAccess files, ILogRepository logRepository, IKvStore kv, ExecutionLogWriter logs, IHttpClientFactory http)
{
    private readonly TaskServices taskServices = new(services);

    /// <param name="budget">Shared by every render of this task run: steps, time, kill and timeout.</param>
    /// <param name="bufferLogs">Hold log lines back until <see cref="TaskRunContext.FlushLogs"/>, so an attempt that is abandoned (moved off the executor loop) leaves none.</param>
    public TaskRunContext Create(Execution execution, ExecutionAction.RunTask job, TemplateEngine templates, RenderBudget budget, bool bufferLogs)
    {
        var mask = new SecretMask(job.Secrets);
        var host = new TemplateHost(execution, files, logRepository, kv, mask);
        return new TaskRunContext(execution, job.TaskRun, templates, new TemplateContext(job.Variables, host, budget), logs, files, http.CreateClient("tasks"), taskServices, mask)
        {
            BufferLogs = bufferLogs,
        };
    }
}
