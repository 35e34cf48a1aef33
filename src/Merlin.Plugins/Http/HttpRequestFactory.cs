using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.Http;

/// <summary>Builds the request message of an HTTP task: rendered URI, body or form data, content type, headers, basic auth.</summary>
internal static class HttpRequestFactory
{
    public const string Multipart = "multipart/form-data";

    public static async Task<HttpRequestMessage> CreateAsync(HttpTask task, ITaskRunContext context, Uri uri, HttpMethod method, bool withBody, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri);
        if (task.Options is { BasicAuthUser: { } user, BasicAuthPassword: { } password })
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{context.Render(user)}:{context.Render(password)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        if (withBody)
        {
            request.Content = await ContentAsync(task, context, cancellationToken);
        }

        if (request.Content is not null && task.ContentType is not null && !IsMultipart(task))
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Render(task.ContentType)!);
        }

        foreach (var (name, value) in task.Headers ?? [])
        {
            var rendered = context.Render(value) ?? "";
            if (!request.Headers.TryAddWithoutValidation(name, rendered) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, rendered);
            }
        }

        return request;
    }

    private static bool IsMultipart(HttpTask task) => task.FormData is not null && task.ContentType == Multipart;

    private static async Task<HttpContent?> ContentAsync(HttpTask task, ITaskRunContext context, CancellationToken cancellationToken)
    {
        if (task.FormData is not null)
        {
            return IsMultipart(task)
                ? await MultipartAsync(task.FormData, context, cancellationToken)
                : UrlEncoded(task.FormData, context);
        }

        if (task.Body is null)
        {
            return null;
        }

        // Micronaut's client, which Kestra uses, sends a body without a content type as JSON.
        return new StringContent(context.Render(task.Body) ?? "", Encoding.UTF8, "application/json");
    }

    private static FormUrlEncodedContent UrlEncoded(Dictionary<string, object?> formData, ITaskRunContext context)
    {
        var rendered = context.RenderValue(formData) as IDictionary<string, object?> ?? formData;
        return new FormUrlEncodedContent(rendered.Select(e => new KeyValuePair<string, string>(e.Key, Text(e.Value))));
    }

    private static async Task<MultipartFormDataContent> MultipartAsync(Dictionary<string, object?> formData, ITaskRunContext context, CancellationToken cancellationToken)
    {
        var content = new MultipartFormDataContent();
        foreach (var (rawKey, value) in formData)
        {
            var key = context.Render(rawKey) ?? rawKey;
            switch (value)
            {
                case string text:
                    var rendered = context.Render(text) ?? "";
                    if (rendered.StartsWith("kestra://", StringComparison.Ordinal))
                    {
                        content.Add(await FileAsync(context, rendered, cancellationToken), key, FileName(rendered));
                    }
                    else
                    {
                        content.Add(new StringContent(rendered), key);
                    }

                    break;
                case IDictionary<string, object?> file when file.ContainsKey("name") && file.ContainsKey("content"):
                    var name = context.Render(Text(file["name"])) ?? "";
                    var uri = context.Render(Text(file["content"])) ?? "";
                    content.Add(await FileAsync(context, uri, cancellationToken), key, name);
                    break;
                default:
                    content.Add(new StringContent(JsonSerializer.Serialize(value, PlainJson.Options)), key);
                    break;
            }
        }

        return content;
    }

    private static async Task<StreamContent> FileAsync(ITaskRunContext context, string uri, CancellationToken cancellationToken)
    {
        var file = new StreamContent(await context.Files.OpenAsync(uri, cancellationToken));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return file;
    }

    private static string FileName(string uri)
    {
        var path = uri.TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }

    internal static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, PlainJson.Options),
    };
}
