namespace Merlin.Core.Engine;

/// <summary>
/// The directory a WorkingDirectory task run shares with its children: the worker keeps one per
/// <paramref name="TaskRunId"/> and writes <paramref name="InputFiles"/> (the WorkingDirectory's map of file name to
/// content or <c>kestra://</c> URI, unrendered) into it when it creates it for the first child, after the namespace files
/// <paramref name="NamespaceFiles"/> asks for.
/// </summary>
/// <paramref name="OutputFiles"/> are the WorkingDirectory's <c>outputFiles</c> globs: after each child, the worker stores the
/// matching files of the directory and reports them, and they become the WorkingDirectory's <c>outputFiles</c> output.
/// <paramref name="Cache"/> is its <c>cache</c>, kept per namespace, flow and WorkingDirectory task id (<paramref name="TaskId"/>).
public sealed record SharedDirectory(string TaskRunId, object? InputFiles, NamespaceFilesOptions? NamespaceFiles = null, IReadOnlyList<string>? OutputFiles = null,
    string? TaskId = null, Tasks.WorkingDirectoryCache? Cache = null);
