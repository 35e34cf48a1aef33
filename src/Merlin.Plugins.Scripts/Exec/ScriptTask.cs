using Merlin.Plugins.Scripts.Runner;
using Merlin.Sdk.Files;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// What every script task shares (Kestra's <c>AbstractExecScript</c>): a fresh working directory with namespace files
/// then input files written in, one command line run by the process runner, Kestra's output protocol, output files.
/// Outputs <c>vars</c>, <c>exitCode</c> and <c>outputFiles</c>; a non-zero exit fails the task run but keeps them.
/// </summary>
public abstract class ScriptTask : RunnableTask, IValidatableTask
{
    /// <summary>Commands run before the main ones, in the same shell.</summary>
    public List<string>? BeforeCommands { get; init; }

    /// <summary>Environment variables added to the process (values rendered).</summary>
    public Dictionary<string, string>? Env { get; init; }

    /// <summary>A map of file name to content (or to a <c>kestra://</c> URI copied in), or a JSON string of one.</summary>
    public object? InputFiles { get; init; }

    /// <summary>Globs of working-directory files to store; a pattern starting with a word character matches at any depth.</summary>
    public List<string>? OutputFiles { get; init; }

    public NamespaceFilesOptions? NamespaceFiles { get; init; }

    /// <summary>Any line on stderr turns a success into WARNING.</summary>
    public bool WarningOnStdErr { get; init; } = true;

    /// <summary>A container image: Merlin runs scripts as local processes and logs that it ignores it.</summary>
    public string? ContainerImage { get; init; }

    /// <summary>The task runner (<c>type</c> and its options): <c>io.kestra.plugin.core.runner.Process</c>; Docker runs as a process too.</summary>
    public Dictionary<string, object?>? TaskRunner { get; init; }

    /// <summary>Deprecated: PROCESS or DOCKER (DOCKER runs as a process, with a warning).</summary>
    public string? Runner { get; init; }

    /// <summary>Deprecated Docker options: ignored, with a warning.</summary>
    public Dictionary<string, object?>? Docker { get; init; }

    /// <summary>AUTO, LINUX or WINDOWS: the commands are always run by the interpreter of this server.</summary>
    public string? TargetOS { get; init; }

    /// <summary>The interpreter and its arguments; the joined commands are appended as the last argument.</summary>
    protected abstract IReadOnlyList<string> InterpreterCommand { get; }

    /// <summary>Whether the first failing command stops the script (<c>set -e</c>).</summary>
    protected abstract bool StopOnFirstFailure { get; }

    /// <summary>The main command text (the task's commands, or the line running its script file), rendered.</summary>
    protected abstract Task<IReadOnlyList<string>> MainCommandsAsync(ScriptRun run, CancellationToken cancellationToken);

    /// <summary>Variables a language needs (unbuffered Python output...), before the task's own <c>env</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string> LanguageEnvironment => new Dictionary<string, string>();

    public IEnumerable<string> Validate() => ScriptTaskRunners.Validate(TaskRunner, Runner);

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Off the executor loop: starting a process costs milliseconds the loop's other executions should not wait for.
        await Task.Yield();
        ScriptTaskRunners.WarnAboutContainers(context, this);
        var directory = context.WorkingDirectory;
        var run = new ScriptRun(context, directory, Directory.CreateDirectory(Path.Combine(directory, "_outputs-" + Guid.NewGuid().ToString("N")[..12])).FullName);
        try
        {
            return await RunInAsync(run, cancellationToken);
        }
        finally
        {
            // Inside a WorkingDirectory the directory outlives this task: its output folder was stored, the siblings need not see it.
            Directory.Delete(run.OutputDirectory, recursive: true);
        }
    }

    private async Task<TaskResult> RunInAsync(ScriptRun run, CancellationToken cancellationToken)
    {
        var context = run.Context;
        await NamespaceFileInjection.WriteAsync(context, NamespaceFiles, run.WorkingDirectory, cancellationToken);
        await WorkingDirectoryFiles.WriteAsync(context, InputFiles, run.WorkingDirectory, "inputFiles", cancellationToken);

        var lines = new List<string>();
        if (StopOnFirstFailure)
        {
            lines.Add("set -e");
        }

        lines.AddRange((BeforeCommands ?? []).Select(run.Render));
        lines.AddRange(await MainCommandsAsync(run, cancellationToken));
        var script = await run.LocalizeAsync(string.Join("\n", lines), cancellationToken);
        var arguments = InterpreterCommand.Select(run.Render).Append(script).ToList();

        var consumer = new ScriptLogConsumer(context);
        var options = context.Settings.Get<ScriptOptions>();
        var exitCode = await new ProcessRunner(options).RunAsync(new ProcessSpec(arguments, run.WorkingDirectory, Environment(run)), consumer.Accept, cancellationToken);

        var outputs = new Dictionary<string, object?>
        {
            ["vars"] = MaskSecrets(consumer.Vars, context.Secrets), // a secret a script echoes into its outputs is masked there too
            ["exitCode"] = exitCode,
        };
        var files = await ScriptOutputFiles.StoreAsync(run, OutputFiles ?? [], cancellationToken);
        if (files.Count > 0 || OutputFiles is not null)
        {
            outputs["outputFiles"] = files;
        }

        AddOutputs(outputs, consumer);
        if (exitCode != 0)
        {
            context.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, $"Command failed with exit code {exitCode}");
            return new TaskResult(outputs, Merlin.Sdk.Runs.StateType.FAILED);
        }

        return new TaskResult(outputs, WarningOnStdErr && consumer.StdErrCount > 0 ? Merlin.Sdk.Runs.StateType.WARNING : Merlin.Sdk.Runs.StateType.SUCCESS);
    }

    /// <summary>Outputs a task type adds to <c>vars</c>, <c>exitCode</c> and <c>outputFiles</c>.</summary>
    protected virtual void AddOutputs(Dictionary<string, object?> outputs, ScriptLogConsumer consumer)
    {
    }

    private Dictionary<string, string> Environment(ScriptRun run)
    {
        var environment = new Dictionary<string, string>(LanguageEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in Env ?? [])
        {
            environment[name] = run.Render(value ?? "");
        }

        environment["WORKING_DIR"] = run.WorkingDirectory;
        environment["OUTPUT_DIR"] = run.OutputDirectory;
        return environment;
    }

    private static object? MaskSecrets(object? value, ITaskSecrets secrets) => value switch
    {
        string text => secrets.Mask(text),
        IDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => MaskSecrets(e.Value, secrets)),
        IEnumerable<object?> list => list.Select(v => MaskSecrets(v, secrets)).ToList(),
        _ => value,
    };
}
