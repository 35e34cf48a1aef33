namespace Merlin.Runtime.Executions;

/// <summary>A file input as received: which input it is for, its file name and its content.</summary>
public sealed record UploadedFile(string InputId, string FileName, Func<Stream> Open);
