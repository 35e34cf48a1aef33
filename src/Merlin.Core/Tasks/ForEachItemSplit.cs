using System.Globalization;
using System.Text;
using Merlin.Core.Flows;
using Merlin.Core.Storage;

namespace Merlin.Core.Tasks;

/// <summary>
/// ForEachItem's first step: splits <c>items</c> by <c>batch</c> (<c>rows</c>, default 1; <c>bytes</c>; <c>partitions</c>;
/// <c>separator</c>) into files of this task run, and outputs <c>splits</c>, a file listing their URIs one a line.
/// </summary>
public sealed class ForEachItemSplit : RunnableTask
{
    public const string Suffix = "_split";
    public const string KestraType = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemSplit";

    public string Items { get; init; } = "";
    public Dictionary<string, object?>? Batch { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.Render(Items) ?? "";
        if (!uri.StartsWith("kestra://", StringComparison.Ordinal))
        {
            var message = $"Unable to split the items from {uri}, this is not an internal storage URI!";
            context.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, message);
            throw new InvalidOperationException(message);
        }

        var bytes = Setting(context, "bytes") is { } size ? DataSize.Parse(size) : (long?)null;
        var partitions = Number(context, "partitions");
        var rows = bytes is null && partitions is null ? Number(context, "rows") ?? 1 : (int?)null;
        var separator = Setting(context, "separator") ?? "\n";
        var splits = await LineSplitter.SplitAsync(context, uri, bytes, partitions, rows, separator, cancellationToken);
        using var list = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', splits)));
        return TaskResult.Of(("splits", await context.Files.PutAsync("splits.txt", list, cancellationToken)));
    }

    private string? Setting(ITaskRunContext context, string key) =>
        Batch?.GetValueOrDefault(key) is { } value ? context.Render(Convert.ToString(value, CultureInfo.InvariantCulture)) : null;

    private int? Number(ITaskRunContext context, string key) => Setting(context, key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new InvalidOperationException($"batch.{key} must be a positive integer, got '{text}'");
}
