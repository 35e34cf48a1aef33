namespace Merlin.Core.Storage;

/// <summary>
/// A <c>kestra:///</c> URI outside what an execution may touch (its own files, its parent's and subflows', its
/// namespace files). Fails the task run or the template that asked; the API answers it as a missing file.
/// </summary>
public sealed class FileAccessDeniedException(string message) : Exception(message);
