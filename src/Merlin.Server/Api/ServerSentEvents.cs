namespace Merlin.Server.Api;

/// <summary>Minimal text/event-stream writing: one <c>data:</c> event per JSON document, flushed at once.</summary>
internal static class ServerSentEvents
{
    public static async Task StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync(cancellationToken);
    }

    public static async Task WriteAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
