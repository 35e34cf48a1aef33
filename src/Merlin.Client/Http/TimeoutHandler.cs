namespace Merlin.Client.Http;

/// <summary>
/// Limits the time until an answer's headers arrive, not the reading of its body, so a followed stream of
/// server-sent events can last as long as the execution while a stuck request still fails.
/// </summary>
internal sealed class TimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} got no answer within {timeout.TotalSeconds:0} s");
        }
    }
}
