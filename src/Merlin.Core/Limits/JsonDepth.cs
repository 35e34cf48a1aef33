using System.Text.Json;

namespace Merlin.Core.Limits;

/// <summary>JSON parsed from outside (bodies, webhook payloads, <c>fromJson()</c>) nests at most <see cref="LimitOptions.MaxDepth"/> levels.</summary>
public static class JsonDepth
{
    public static JsonDocumentOptions Options(LimitOptions limits, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new JsonDocumentOptions
        {
            MaxDepth = limits.MaxDepth,
            AllowTrailingCommas = lenient,
            CommentHandling = lenient ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
        };
    }

    /// <summary>True when the reader stopped because the document nests deeper than allowed.</summary>
    public static bool IsExceeded(JsonException exception) =>
        exception?.Message.Contains("maximum configured depth", StringComparison.Ordinal) == true;

    public static LimitExceededException Exceeded(LimitOptions limits, string what)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return LimitExceededException.For($"{what} nests deeper than {limits.MaxDepth} levels", limits.MaxDepth, nameof(LimitOptions.MaxDepth));
    }
}
