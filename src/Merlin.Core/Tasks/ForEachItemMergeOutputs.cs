using System.Globalization;
using Merlin.Core.Flows;

namespace Merlin.Core.Tasks;

/// <summary>
/// ForEachItem's last step: concatenates the outputs file each subflow wrote (<c>{subflowOutputsBaseUri}/{n}/outputs.ion</c>,
/// in iteration order) into one file, output as <c>subflowOutputs</c>; no output when no subflow had outputs.
/// </summary>
public sealed class ForEachItemMergeOutputs : RunnableTask
{
    public const string Suffix = "_merge";
    public const string KestraType = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemMergeOutputs";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var itemsId = Id[..^Suffix.Length] + ForEachItemExecutable.Suffix;
        var outputs = context.RenderTyped($"{{{{ outputs['{itemsId}'] ?? null }}}}") as IReadOnlyDictionary<string, object?>;
        if (outputs is not null && !outputs.ContainsKey("numberOfBatches") && context.TaskRun.ParentTaskRunId is not null
            && context.RenderTyped("{{ parent.taskrun.value ?? '' }}") is string value && outputs.GetValueOrDefault(value) is IReadOnlyDictionary<string, object?> byValue)
        {
            // Inside a loop, outputs are keyed by the loop value of the ForEachItem's task run.
            outputs = byValue;
        }

        if (outputs?.GetValueOrDefault("subflowOutputsBaseUri") is not string baseUri)
        {
            return TaskResult.Empty;
        }

        var batches = Convert.ToInt32(outputs.GetValueOrDefault("numberOfBatches") ?? 0, CultureInfo.InvariantCulture);
        using var merged = new MemoryStream();
        for (var iteration = 1; iteration <= batches; iteration++)
        {
            try
            {
                await using var part = await context.Files.OpenAsync($"kestra://{baseUri}/{iteration}/outputs.ion", cancellationToken);
                await part.CopyToAsync(merged, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // That subflow declared no outputs.
            }
        }

        if (merged.Length == 0)
        {
            return TaskResult.Empty;
        }

        merged.Position = 0;
        return TaskResult.Of(("subflowOutputs", await context.Files.PutAsync("outputs.ion", merged, cancellationToken)));
    }
}
