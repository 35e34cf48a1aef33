namespace Merlin.Runtime.Errors;

/// <summary>A malformed request: a missing body, a bad parameter (HTTP 400).</summary>
public sealed class BadRequestException(string message) : Exception(message);
