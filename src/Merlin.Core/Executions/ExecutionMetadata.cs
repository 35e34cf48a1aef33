namespace Merlin.Core.Executions;

public sealed record ExecutionMetadata(int AttemptNumber, DateTimeOffset OriginalCreatedDate);
