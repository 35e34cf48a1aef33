using System.IO.Compression;
using Merlin.Core.Engine;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Tasks;
using Merlin.Sdk.Files;
using Merlin.Sdk.Values;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// Kestra's WorkingDirectory <c>cache</c>: a zip of the files matching its patterns, kept in internal storage per
/// namespace, flow and task (<see cref="StoragePaths.WorkingDirectoryCache"/>), unpacked into the directory before the
/// first child and saved again after a child that changed the cached files. A cache older than its <c>ttl</c> is deleted
/// instead of used. A cache
/// that cannot be read or written is logged and skipped: it only saves time, it never fails a task run.
/// </summary>
public sealed class WorkingDirectoryCaches(IFileStorage files, TimeProvider clock, ILogger<WorkingDirectoryCaches> logger)
{
    public async Task RestoreAsync(SharedDirectory directory, string @namespace, string flowId, SharedWorkingDirectory shared, CancellationToken cancellationToken)
    {
        if (directory is not { Cache: { } cache, TaskId: { } taskId })
        {
            return;
        }

        var uri = StoragePaths.WorkingDirectoryCache(@namespace, flowId, taskId);
        try
        {
            var stored = (await files.ListAsync(uri[..(uri.LastIndexOf('/') + 1)], cancellationToken)).FirstOrDefault(e => !e.IsDirectory && e.Uri.EndsWith("/cache.zip", StringComparison.Ordinal));
            if (stored is null)
            {
                return;
            }

            if (cache.Ttl is { } ttl && stored.LastModified + IsoDuration.Parse(ttl) < clock.GetUtcNow())
            {
                await files.DeleteAsync(uri, cancellationToken);
                return;
            }

            await using var zip = await files.GetAsync(uri, cancellationToken);
            await ZipFile.ExtractToDirectoryAsync(zip, shared.Path, overwriteFiles: true, cancellationToken);
            shared.CacheSignature = Signature(Matching(cache, shared.Path));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or StorageFaultException or FormatException)
        {
            logger.LogWarning(e, "The cache of WorkingDirectory {TaskId} of {Namespace}.{FlowId} could not be restored", taskId, @namespace, flowId);
        }
    }

    public async Task SaveAsync(SharedDirectory directory, string @namespace, string flowId, SharedWorkingDirectory shared, CancellationToken cancellationToken)
    {
        if (directory is not { Cache: { } cache, TaskId: { } taskId })
        {
            return;
        }

        try
        {
            var matching = Matching(cache, shared.Path);
            var signature = Signature(matching);
            if (signature == shared.CacheSignature)
            {
                return; // the cached files did not change since they were restored or saved
            }

            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in matching)
                {
                    await zip.CreateEntryFromFileAsync(file.FullName, Path.GetRelativePath(shared.Path, file.FullName).Replace('\\', '/'), CompressionLevel.Fastest, cancellationToken);
                }
            }

            buffer.Position = 0;
            await files.PutAsync(StoragePaths.WorkingDirectoryCache(@namespace, flowId, taskId), buffer, cancellationToken);
            shared.CacheSignature = signature;
        }
        catch (Exception e) when (e is IOException or StorageFaultException)
        {
            logger.LogWarning(e, "The cache of WorkingDirectory {TaskId} of {Namespace}.{FlowId} could not be saved", taskId, @namespace, flowId);
        }
    }

    private static List<FileInfo> Matching(WorkingDirectoryCache cache, string path)
    {
        var patterns = cache.Patterns.Select(FileGlob.ToRegex).ToList();
        return WorkingDirectoryFiles.List(path).Where(p => patterns.Any(r => r.IsMatch(p))).Select(p => new FileInfo(Path.Combine(path, p))).ToList();
    }

    private static string Signature(List<FileInfo> files) =>
        string.Join('\n', files.Select(f => $"{f.FullName}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
}
