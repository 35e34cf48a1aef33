using System.Text.Json.Serialization;

namespace Merlin.Client.Models;

/// <summary>Kestra's error body: a message and, for invalid entities, one detail per violation.</summary>
public sealed record ApiErrorBody
{
    public required string Message { get; init; }

    [JsonPropertyName("_embedded")]
    public ApiErrorDetails? Embedded { get; init; }
}
