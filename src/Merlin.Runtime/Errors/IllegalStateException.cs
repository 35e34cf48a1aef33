namespace Merlin.Runtime.Errors;

/// <summary>A request Kestra refuses for the state it finds (HTTP 409, <c>Illegal state: ...</c>), e.g. restarting a running execution.</summary>
public sealed class IllegalStateException(string message) : Exception(message);
