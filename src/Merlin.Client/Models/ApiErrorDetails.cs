namespace Merlin.Client.Models;

/// <summary>The violations of an error body.</summary>
public sealed record ApiErrorDetails(IReadOnlyList<ApiErrorDetail> Errors);
