namespace Merlin.Runtime.Errors;

/// <summary>A request Kestra refuses as an illegal argument (HTTP 422, <c>Illegal argument: ...</c>), e.g. a system label.</summary>
public sealed class IllegalArgumentException(string message) : Exception(message);
