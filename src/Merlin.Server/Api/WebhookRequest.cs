using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Merlin.Core.Json;
using Merlin.Core.Limits;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>A webhook call as its trigger sees it: the raw body (read under a size cap), headers and query parameters.</summary>
internal sealed class WebhookRequest
{
    private WebhookRequest(byte[]? body, HttpRequest request)
    {
        Body = body;
        Headers = request.Headers.ToDictionary(h => h.Key, h => (object?)h.Value.Select(v => v ?? "").ToList(), StringComparer.OrdinalIgnoreCase);
        Parameters = request.Query.ToDictionary(q => q.Key, q => (object?)q.Value.Select(v => v ?? "").ToList());
    }

    /// <summary>The raw body, null when the request has none.</summary>
    public byte[]? Body { get; }

    public Dictionary<string, object?> Headers { get; }

    public Dictionary<string, object?> Parameters { get; }

    /// <summary>Reads the body, or returns null when it is larger than <paramref name="limit"/> (checked before reading when the length is announced).</summary>
    public static async Task<WebhookRequest?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new WebhookRequest(buffer.Length == 0 ? null : buffer.ToArray(), request);
    }

    /// <summary>
    /// <c>trigger.body</c>: a JSON object if it parses as one, else a JSON array, else the raw string. A JSON body
    /// nesting deeper than the limit is refused (<see cref="BadRequestException"/>) rather than kept as text.
    /// </summary>
    public object? ParsedBody(LimitOptions limits)
    {
        if (Body is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Body);
        try
        {
            using var document = JsonDocument.Parse(text, JsonDepth.Options(limits));
            if (document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return PlainValueConverter.FromElement(document.RootElement);
            }
        }
        catch (JsonException e) when (JsonDepth.IsExceeded(e))
        {
            throw new BadRequestException(JsonDepth.Exceeded(limits, "the webhook body").Message);
        }
        catch (JsonException)
        {
        }

        return text;
    }

    /// <summary>
    /// Checks <c>X-Merlin-Signature</c> (or GitHub's <c>X-Hub-Signature-256</c>): <c>sha256=</c> and the hex HMAC-SHA256 of the raw body.
    /// </summary>
    public bool IsSignedWith(string secret, HttpRequest request)
    {
        var header = request.Headers["X-Merlin-Signature"].FirstOrDefault() ?? request.Headers["X-Hub-Signature-256"].FirstOrDefault();
        if (header is null || !header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan("sha256=".Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body ?? []);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
