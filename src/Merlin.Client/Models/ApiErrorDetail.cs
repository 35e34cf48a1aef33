namespace Merlin.Client.Models;

/// <summary>One violation: its message and, when known, the path of the offending value.</summary>
public sealed record ApiErrorDetail(string Message, string? Path = null);
