using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// The task runners a script may name. Merlin's runner is the process runner (Kestra's <c>io.kestra.plugin.core.runner.Process</c>);
/// Kestra's default, Docker, runs as a process too, with one warning, since Merlin needs no container engine. Runners of
/// other plugins (Kubernetes, cloud batch services) are refused when the flow is saved.
/// </summary>
public static class ScriptTaskRunners
{
    public const string Process = "io.kestra.plugin.core.runner.Process";

    private static readonly HashSet<string> ProcessNames = new(StringComparer.Ordinal)
    {
        Process, "io.kestra.core.models.tasks.runners.types.ProcessTaskRunner", "io.kestra.plugin.scripts.runner.process.Process",
    };

    private static readonly HashSet<string> DockerNames = new(StringComparer.Ordinal)
    {
        "io.kestra.plugin.scripts.runner.docker.Docker", "io.kestra.plugin.scripts.runner.docker.DockerTaskRunner",
    };

    public static IEnumerable<string> Validate(IReadOnlyDictionary<string, object?>? taskRunner, string? runner)
    {
        if (taskRunner is not null)
        {
            var type = taskRunner.GetValueOrDefault("type") as string;
            if (type is null)
            {
                yield return "taskRunner needs a 'type'";
            }
            else if (!ProcessNames.Contains(type) && !DockerNames.Contains(type))
            {
                yield return $"taskRunner '{type}' is not available in Merlin: use {Process} (Docker runs as a process too)";
            }
        }

        if (runner is not null && runner is not ("PROCESS" or "DOCKER"))
        {
            yield return $"runner must be PROCESS or DOCKER, not '{runner}'";
        }
    }

    /// <summary>One WARN line when the flow asks for a container: the script runs as a local process all the same.</summary>
    public static void WarnAboutContainers(ITaskRunContext context, ScriptTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var runnerType = task.TaskRunner?.GetValueOrDefault("type") as string;
        var docker = (runnerType is not null && DockerNames.Contains(runnerType)) || task.Runner == "DOCKER" || task.Docker is not null;
        if (docker || (task.ContainerImage is not null && (runnerType is null || !ProcessNames.Contains(runnerType))))
        {
            var image = task.ContainerImage ?? task.Docker?.GetValueOrDefault("image") as string ?? task.TaskRunner?.GetValueOrDefault("image") as string;
            context.Log(LogLevel.WARN,
                $"Merlin has no container runner: this task runs as a local process with {Process}" + (image is null ? "" : $", not in the image '{image}'"));
        }
    }
}
