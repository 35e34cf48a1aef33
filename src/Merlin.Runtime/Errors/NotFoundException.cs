namespace Merlin.Runtime.Errors;

/// <summary>A flow, execution or other resource that does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
