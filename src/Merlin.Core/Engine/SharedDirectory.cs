namespace Merlin.Core.Engine;

/// <summary>
/// The directory a WorkingDirectory task run shares with its children: the worker keeps one per
/// <paramref name="TaskRunId"/> and writes <paramref name="InputFiles"/> (the WorkingDirectory's map of file name to
/// content or <c>kestra://</c> URI, unrendered) into it when it creates it for the first child, after the namespace files
/// <paramref name="NamespaceFiles"/> asks for.
/// </summary>
public sealed record SharedDirectory(string TaskRunId, object? InputFiles, NamespaceFilesOptions? NamespaceFiles = null);
