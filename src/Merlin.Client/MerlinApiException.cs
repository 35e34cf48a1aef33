using System.Net;
using Merlin.Client.Models;

namespace Merlin.Client;

/// <summary>The server refused a request: the HTTP status and Kestra's error body (message and violations).</summary>
public sealed class MerlinApiException : Exception
{
    /// <summary>Creates the exception from an answer's status and its parsed error body (when it had one).</summary>
    public MerlinApiException(HttpStatusCode statusCode, ApiErrorBody? error, string? rawBody = null)
        : base(Describe(statusCode, error, rawBody))
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Kestra's error body, or null when the answer had none (a proxy's page, an empty 401).</summary>
    public ApiErrorBody? Error { get; }

    /// <summary>The violations of an invalid entity (422), each with its path; empty otherwise.</summary>
    public IReadOnlyList<ApiErrorDetail> Details => Error?.Embedded?.Errors ?? [];

    private static string Describe(HttpStatusCode status, ApiErrorBody? error, string? rawBody) =>
        error?.Message
        ?? (string.IsNullOrWhiteSpace(rawBody) ? $"{(int)status} {status}" : $"{(int)status} {status}: {Truncate(rawBody)}");

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
