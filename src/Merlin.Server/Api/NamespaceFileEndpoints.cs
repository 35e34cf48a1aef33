using System.IO.Compression;
using Merlin.Client.Models;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's namespace files routes over <see cref="INamespaceFileStore"/>: download, upload (a <c>.zip</c> is extracted),
/// list a directory, create one, stats, move, delete, search and export as a zip. Paths are namespace-relative;
/// <c>_flows</c> is Kestra's reserved folder and is refused (422), as is any path that could leave the namespace.
/// </summary>
internal static class NamespaceFileEndpoints
{
    public static void MapNamespaceFileEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/v1/namespaces/{namespace}/files");

        files.MapGet("", async (string @namespace, string path, INamespaceFileStore store, CancellationToken ct) =>
        {
            Allowed(path);
            try
            {
                return Results.Stream(await store.OpenAsync(@namespace, path, ct), "application/octet-stream");
            }
            catch (FileNotFoundException)
            {
                throw new NotFoundException($"No namespace file at '{path}' in namespace '{@namespace}'");
            }
        });

        files.MapPost("", async (string @namespace, string? path, HttpRequest request, INamespaceFileStore store, CancellationToken ct) =>
        {
            var form = request.HasFormContentType ? await RequestBody.ReadMultipartAsync(() => request.ReadFormAsync(ct)) : throw new BadRequestException("a multipart body with a 'fileContent' part is required");
            var file = form.Files.GetFile("fileContent") ?? throw new BadRequestException("the multipart part 'fileContent' is missing");
            if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                await ExtractAsync(@namespace, file, store, ct);
                return Results.Ok();
            }

            var target = Allowed(path ?? throw new BadRequestException("the 'path' query parameter is required"));
            await using var content = file.OpenReadStream();
            await store.PutAsync(@namespace, target, content, ct);
            return Results.Ok();
        });

        files.MapPut("", async (string @namespace, string from, string to, INamespaceFileStore store, CancellationToken ct) =>
        {
            Allowed(from);
            Allowed(to);
            if (await store.StatAsync(@namespace, to, ct) is not null)
            {
                throw new IllegalArgumentException($"File '{to}' already exists");
            }

            try
            {
                await store.MoveAsync(@namespace, from, to, ct);
            }
            catch (FileNotFoundException)
            {
                throw new NotFoundException($"No namespace file at '{from}' in namespace '{@namespace}'");
            }

            return Results.Ok();
        });

        files.MapDelete("", async (string @namespace, string path, INamespaceFileStore store, CancellationToken ct) =>
        {
            await store.DeleteAsync(@namespace, Allowed(path), ct);
            return Results.Ok();
        });

        files.MapGet("/directory", async (string @namespace, string? path, INamespaceFileStore store, CancellationToken ct) =>
        {
            var directory = string.IsNullOrEmpty(path) || path.Trim('/').Length == 0 ? null : Allowed(path);
            if (directory is not null && await store.StatAsync(@namespace, directory, ct) is not { IsDirectory: true })
            {
                throw new NotFoundException($"No namespace directory at '{path}' in namespace '{@namespace}'");
            }

            var entries = await store.ListAsync(@namespace, directory, recursive: false, ct);
            return Results.Json(entries.Where(e => !IsFlowsFolder(e.Path)).Select(Attributes).ToList(), ApiJson.Options);
        });

        files.MapPost("/directory", async (string @namespace, string path, INamespaceFileStore store, CancellationToken ct) =>
        {
            await store.CreateDirectoryAsync(@namespace, Allowed(path), ct);
            return Results.Ok();
        });

        files.MapGet("/stats", async (string @namespace, string? path, INamespaceFileStore store, CancellationToken ct) =>
        {
            var entry = await store.StatAsync(@namespace, string.IsNullOrEmpty(path) ? "/" : Allowed(path), ct)
                ?? throw new NotFoundException($"No namespace file at '{path}' in namespace '{@namespace}'");
            return Results.Json(Attributes(entry), ApiJson.Options);
        });

        files.MapGet("/search", async (string @namespace, string q, INamespaceFileStore store, CancellationToken ct) =>
            Results.Json((await store.ListAsync(@namespace, null, recursive: true, ct))
                .Where(e => !e.IsDirectory && !IsFlowsFolder(e.Path) && e.Path.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Select(e => "/" + e.Path)
                .ToList(), ApiJson.Options));

        files.MapGet("/export", async (string @namespace, INamespaceFileStore store, HttpResponse response, CancellationToken ct) =>
        {
            var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in (await store.ListAsync(@namespace, null, recursive: true, ct)).Where(e => !e.IsDirectory && !IsFlowsFolder(e.Path)))
                {
                    await using var target = await zip.CreateEntry(entry.Path).OpenAsync(ct);
                    await using var source = await store.OpenAsync(@namespace, entry.Path, ct);
                    await source.CopyToAsync(target, ct);
                }
            }

            buffer.Position = 0;
            return Results.File(buffer, "application/octet-stream", $"{@namespace}_files.zip");
        });
    }

    private static async Task ExtractAsync(string @namespace, IFormFile file, INamespaceFileStore store, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            // Directories are implied by their files; Kestra imports _flows/ entries as flows, which Merlin does not (yet).
            if (entry.FullName.EndsWith('/') || IsFlowsFolder(entry.FullName.TrimStart('/')))
            {
                continue;
            }

            await using var content = await entry.OpenAsync(ct);
            await store.PutAsync(@namespace, entry.FullName, content, ct);
        }
    }

    private static string Allowed(string path) => IsFlowsFolder(path.TrimStart('/'))
        ? throw new IllegalArgumentException("Forbidden path: " + path)
        : path;

    private static bool IsFlowsFolder(string path) => path == "_flows" || path.StartsWith("_flows/", StringComparison.Ordinal);

    private static NamespaceFileAttributes Attributes(NamespaceFileEntry entry) => new(
        entry.Path.Length == 0 ? "" : entry.Name,
        entry.LastModified.ToUnixTimeMilliseconds(),
        entry.Created.ToUnixTimeMilliseconds(),
        entry.IsDirectory ? "Directory" : "File",
        entry.Size,
        new Dictionary<string, string>());
}
