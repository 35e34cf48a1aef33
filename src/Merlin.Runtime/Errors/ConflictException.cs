namespace Merlin.Runtime.Errors;

/// <summary>A request that contradicts the current state, e.g. creating a flow that exists (HTTP 409).</summary>
public sealed class ConflictException(string message) : Exception(message);
