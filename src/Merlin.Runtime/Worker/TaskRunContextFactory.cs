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

    public TaskRunContext Create(Execution execution, ExecutionAction.RunTask job, TemplateEngine templates)
    {
        var mask = new SecretMask(job.Secrets);
        var host = new TemplateHost(execution, files, logRepository, kv, mask);
        return new TaskRunContext(execution, job.TaskRun, templates, new TemplateContext(job.Variables, host), logs, files, http.CreateClient("tasks"), taskServices, mask);
    }
}
