namespace Merlin.Client.Models;

/// <summary>Kestra's FileAttributes: a namespace file or directory: its name, dates (epoch milliseconds), <c>File</c> or <c>Directory</c>, and size.</summary>
public sealed record NamespaceFileAttributes(
    string FileName,
    long LastModifiedTime,
    long CreationTime,
    string Type,
    long Size,
    IReadOnlyDictionary<string, string>? Metadata);
