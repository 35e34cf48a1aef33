using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Samples.Greetings;

/// <summary>Counts the lines of a <c>kestra://</c> file (rendered <c>from</c>); outputs <c>lines</c>.</summary>
[Plugin("com.example.greetings.CountLines")]
public sealed class CountLines : RunnableTask
{
    /// <summary>The file's <c>kestra://</c> URI (rendered).</summary>
    [Required] public string From { get; init; } = "";

    /// <inheritdoc />
    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var stream = await context.Files.OpenAsync(context.RenderRequired(From, "from"), cancellationToken);
        using var reader = new StreamReader(stream);
        long lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            lines++;
        }

        return TaskResult.Of(("lines", lines));
    }
}
