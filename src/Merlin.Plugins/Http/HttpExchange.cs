using System.Net;
using Merlin.Sdk.Http;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.Http;

/// <summary>
/// Sends an HTTP task's request with its options: redirects followed here (so the result does not depend on how the
/// worker's <see cref="HttpClient"/> is configured) and <c>readTimeout</c> applied until the response headers arrive.
/// </summary>
internal static class HttpExchange
{
    private const int MaxRedirects = 10;

    public static async Task<HttpResponseMessage> SendAsync(HttpTask task, ITaskRunContext context, CancellationToken cancellationToken)
    {
        var options = task.Options ?? new HttpOptions();
        var rendered = context.Render(task.Uri) ?? "";
        if (!System.Uri.TryCreate(rendered, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Invalid URI '{rendered}'");
        }

        var method = new HttpMethod(task.Method.ToString());
        var withBody = true;
        var timeout = IsoDuration.Parse(options.ReadTimeout);
        var original = uri;
        for (var redirects = 0; ; redirects++)
        {
            using var request = await HttpRequestFactory.CreateAsync(task, context, uri, method, withBody, cancellationToken);
            if (redirects > 0 && !SameOrigin(uri, original))
            {
                request.Headers.Authorization = null; // as browsers and HttpClient do: credentials stay with their origin
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout > TimeSpan.Zero)
            {
                deadline.CancelAfter(timeout);
            }

            HttpResponseMessage response;
            try
            {
                response = await context.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Read Timeout: no response from '{uri}' within {IsoDuration.Format(timeout)}");
            }

            if (!options.FollowRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is null || redirects >= MaxRedirects)
            {
                return response;
            }

            var location = response.Headers.Location;
            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (response.StatusCode == HttpStatusCode.SeeOther
                || (response.StatusCode is HttpStatusCode.Moved or HttpStatusCode.Found && method == HttpMethod.Post))
            {
                method = HttpMethod.Get;
                withBody = false;
            }

            response.Dispose();
        }
    }

    /// <summary>Response and content headers as Kestra outputs them: name to the list of values.</summary>
    public static Dictionary<string, List<string>> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!headers.TryGetValue(name, out var list))
            {
                headers[name] = list = [];
            }

            list.AddRange(values);
        }

        return headers;
    }

    public static HttpRequestException Failure(HttpResponseMessage response, Uri? uri) =>
        new($"Request to '{uri}' failed with status code {(int)response.StatusCode} ({response.ReasonPhrase})", null, response.StatusCode);

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsRedirect(HttpStatusCode code) => code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
