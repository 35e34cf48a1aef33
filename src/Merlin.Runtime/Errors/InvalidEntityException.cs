namespace Merlin.Runtime.Errors;

/// <summary>A well-formed request whose content is refused (HTTP 422), with per-field details.</summary>
public sealed class InvalidEntityException(string message, IReadOnlyList<(string Path, string Message)>? details = null) : Exception(message)
{
    public IReadOnlyList<(string Path, string Message)> Details { get; } = details ?? [];
}
