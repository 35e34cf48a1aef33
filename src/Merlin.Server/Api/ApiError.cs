using System.Text.Json.Serialization;

namespace Merlin.Server.Api;

/// <summary>Kestra's (Micronaut's) error body: a message, a self link and per-violation details.</summary>
public sealed record ApiError(
    string Message,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links,
    [property: JsonPropertyName("_embedded")] ApiErrorDetails? Embedded = null)
{
    public static ApiError Of(string message, string path, IReadOnlyList<ApiErrorDetail>? details = null) => new(
        message,
        new Dictionary<string, object> { ["self"] = new Dictionary<string, object> { ["href"] = path, ["templated"] = false } },
        details is { Count: > 0 } ? new ApiErrorDetails(details) : null);
}

public sealed record ApiErrorDetails(IReadOnlyList<ApiErrorDetail> Errors);

public sealed record ApiErrorDetail(string Message, string? Path = null);
