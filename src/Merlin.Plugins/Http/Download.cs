using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Http;

/// <summary>
/// Downloads a URL into internal storage; outputs <c>uri</c> (kestra://), <c>code</c>, <c>length</c> and <c>headers</c>.
/// The file name comes from Content-Disposition, else a random name with the URI's extension.
/// </summary>
[Plugin("io.kestra.plugin.core.http.Download", "io.kestra.plugin.fs.http.Download")]
public sealed class Download : HttpTask
{
    public bool FailOnEmptyResponse { get; init; } = true;
    public bool AllowFailed { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var response = await HttpExchange.SendAsync(this, context, cancellationToken);
        var from = response.RequestMessage?.RequestUri;
        if ((int)response.StatusCode >= 400 && !AllowFailed)
        {
            throw HttpExchange.Failure(response, from);
        }

        var temp = Path.GetTempFileName();
        try
        {
            long size;
            await using (var file = File.Create(temp))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await body.CopyToAsync(file, cancellationToken);
                size = file.Length;
            }

            if (response.Content.Headers.ContentLength is { } expected && expected != size)
            {
                throw new InvalidOperationException($"Invalid size, got {size}, expected {expected}");
            }

            if (size == 0)
            {
                if (FailOnEmptyResponse && !AllowFailed)
                {
                    throw new InvalidOperationException("No response from server");
                }

                context.Logs.Log(Level.WARN, $"File '{from}' is empty");
            }

            var name = DownloadFileName.FromContentDisposition(response.Content.Headers.ContentDisposition?.ToString())
                ?? DownloadFileName.FromUri(from);
            await using var stored = File.OpenRead(temp);
            var uri = await context.Files.PutAsync(name, stored, cancellationToken);
            context.Logs.Log(Level.DEBUG, $"File '{from}' downloaded to '{uri}'");
            return TaskResult.Of(
                ("uri", uri),
                ("code", (int)response.StatusCode),
                ("length", size),
                ("headers", HttpExchange.Headers(response)));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
