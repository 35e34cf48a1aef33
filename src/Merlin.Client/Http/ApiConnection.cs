using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Merlin.Client.Models;

namespace Merlin.Client.Http;

/// <summary>The one HTTP layer of the client: sends, maps refusals to <see cref="MerlinApiException"/>, reads typed JSON and server-sent events.</summary>
internal sealed class ApiConnection(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>Sends and returns the answer once its status is a success; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorAsync(response, cancellationToken);
            }
        }

        return response;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(MerlinJson.Options, cancellationToken)
        ?? throw new MerlinApiException(response.StatusCode, null, "the answer had no JSON body");

    /// <summary>Reads a <c>text/event-stream</c> answer: one JSON document per <c>data:</c> event.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                var item = JsonSerializer.Deserialize<T>(data.ToString(), MerlinJson.Options);
                data.Clear();
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }

    public static JsonContent Json<T>(T value) => JsonContent.Create(value, options: MerlinJson.Options);

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static async Task<MerlinApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ApiErrorBody? error = null;
        try
        {
            error = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<ApiErrorBody>(body, MerlinJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not Kestra's body (a proxy's page): the raw text goes into the message instead.
        }

        return new MerlinApiException(response.StatusCode, error, body);
    }
}
