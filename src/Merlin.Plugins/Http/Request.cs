using System.Globalization;
using System.Text;
using Merlin.Sdk.Http;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Http;

/// <summary>
/// Sends an HTTP request and outputs <c>uri</c>, <c>code</c>, <c>headers</c> (name to list) and <c>body</c> (the raw string).
/// A 4xx/5xx status fails the task unless <see cref="AllowFailed"/>.
/// </summary>
[Plugin("io.kestra.plugin.core.http.Request", "io.kestra.plugin.fs.http.Request")]
public sealed class Request : HttpTask
{
    public bool AllowFailed { get; init; }
    public bool EncryptBody { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (EncryptBody)
        {
            throw new InvalidOperationException("encryptBody is not supported by Merlin yet");
        }

        using var response = await HttpExchange.SendAsync(this, context, cancellationToken);
        var uri = response.RequestMessage?.RequestUri;
        if ((int)response.StatusCode >= 400 && !AllowFailed)
        {
            throw HttpExchange.Failure(response, uri);
        }

        var body = await ReadBodyAsync(response, cancellationToken);
        context.Logs.Log(Level.DEBUG, $"Request '{uri}' with the response code '{(int)response.StatusCode}'");
        return TaskResult.Of(
            ("uri", uri?.ToString()),
            ("code", (int)response.StatusCode),
            ("headers", HttpExchange.Headers(response)),
            ("body", body));
    }

    private async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var options = Options ?? new HttpOptions();
        if (response.Content.Headers.ContentLength > options.MaxContentLength)
        {
            throw TooLarge(options.MaxContentLength);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > options.MaxContentLength)
        {
            throw TooLarge(options.MaxContentLength);
        }

        if (bytes.Length == 0)
        {
            return null;
        }

        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"') ?? options.DefaultCharset;
        var body = Encoding.GetEncoding(charset).GetString(bytes);
        foreach (var c in body.Where(c => char.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned))
        {
            throw new InvalidOperationException($"Illegal unicode code point in request body: {(int)c}, the Request task only support valid Unicode strings as body.\nYou can try using the Download task instead.");
        }

        return body;
    }

    private static InvalidOperationException TooLarge(int max) =>
        new($"The received length exceeds the maximum allowed content length [{max}]");
}
