using System.Text;
using System.Text.Json;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Concatenates files (a list, or a JSON string of a list) into one, each followed by <see cref="Separator"/>; outputs <c>uri</c>.</summary>
[Plugin("io.kestra.plugin.core.storage.Concat", "io.kestra.core.tasks.storages.Concat")]
public sealed class StorageConcat : RunnableTask
{
    [Required] public object? Files { get; init; }
    public string? Separator { get; init; }
    public string Extension { get; init; } = ".tmp";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var separator = Separator is null ? null : Encoding.UTF8.GetBytes(Separator);
        await using var output = StorageFiles.CreateTemp();
        foreach (var file in FileList(context))
        {
            await using (var input = await context.Files.OpenAsync(context.RenderRequired(file, "files"), cancellationToken))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            if (separator is not null)
            {
                await output.WriteAsync(separator, cancellationToken);
            }
        }

        output.Position = 0;
        var uri = await context.Files.PutAsync(StorageFiles.RandomName(Extension), output, cancellationToken);
        return TaskResult.Of(("uri", uri));
    }

    private List<string> FileList(ITaskRunContext context) => Files switch
    {
        IEnumerable<object?> list => list.Select(f => f?.ToString() ?? "").ToList(),
        string json => JsonSerializer.Deserialize<List<string>>(context.RenderRequired(json, "files"))
            ?? throw new InvalidOperationException("Invalid `files` property: null"),
        var other => throw new InvalidOperationException($"Invalid `files` properties with type '{other?.GetType().Name}'"),
    };
}
