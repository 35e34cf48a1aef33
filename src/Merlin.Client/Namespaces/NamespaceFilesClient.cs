using System.Net.Http.Headers;
using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Namespaces;

/// <summary>Kestra's namespace files routes, <c>/api/v1/namespaces/{namespace}/files</c>: the files scripts and <c>read()</c> see.</summary>
public sealed class NamespaceFilesClient
{
    private readonly ApiConnection _api;

    internal NamespaceFilesClient(ApiConnection api) => _api = api;

    /// <summary>The entries of a directory (the root when <paramref name="path"/> is null).</summary>
    public Task<IReadOnlyList<NamespaceFileAttributes>> ListAsync(string @namespace, string? path = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<NamespaceFileAttributes>>(HttpMethod.Get, Path(@namespace, "/directory", new QueryString().Add("path", path)), null, cancellationToken);

    /// <summary>A file's or directory's attributes (404 when missing).</summary>
    public Task<NamespaceFileAttributes> StatsAsync(string @namespace, string path, CancellationToken cancellationToken = default) =>
        _api.SendAsync<NamespaceFileAttributes>(HttpMethod.Get, Path(@namespace, "/stats", new QueryString().Add("path", path)), null, cancellationToken);

    /// <summary>A file's content.</summary>
    public async Task<byte[]> DownloadAsync(string @namespace, string path, CancellationToken cancellationToken = default)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Get, Path(@namespace, "", new QueryString().Add("path", path)), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Writes a file at <paramref name="path"/>, replacing any previous one.</summary>
    public async Task UploadAsync(string @namespace, string path, Stream content, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "fileContent", System.IO.Path.GetFileName(path));
        await _api.SendAsync(HttpMethod.Post, Path(@namespace, "", new QueryString().Add("path", path)), form, cancellationToken);
    }

    public Task CreateDirectoryAsync(string @namespace, string path, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, Path(@namespace, "/directory", new QueryString().Add("path", path)), null, cancellationToken);

    public Task MoveAsync(string @namespace, string from, string to, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Put, Path(@namespace, "", new QueryString().Add("from", from).Add("to", to)), null, cancellationToken);

    /// <summary>Deletes a file or a directory with its content.</summary>
    public Task DeleteAsync(string @namespace, string path, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, Path(@namespace, "", new QueryString().Add("path", path)), null, cancellationToken);

    /// <summary>The paths of the files whose path contains <paramref name="query"/>.</summary>
    public Task<IReadOnlyList<string>> SearchAsync(string @namespace, string query, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<string>>(HttpMethod.Get, Path(@namespace, "/search", new QueryString().Add("q", query)), null, cancellationToken);

    private static string Path(string @namespace, string suffix, QueryString query) =>
        $"api/v1/namespaces/{ApiConnection.Escape(@namespace)}/files{suffix}{query}";
}
