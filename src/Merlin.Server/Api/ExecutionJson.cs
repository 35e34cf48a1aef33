using System.Buffers;
using System.Text;
using System.Text.Json;
using Merlin.Core.Executions;
using Merlin.Core.Inputs;
using Merlin.Core.Json;

namespace Merlin.Server.Api;

/// <summary>An execution in Kestra's JSON shape, optionally with its UI link.</summary>
internal static class ExecutionJson
{
    public static string Text(Execution execution) => JsonSerializer.Serialize(Masked(execution), KestraJson.Options);

    /// <summary>The execution as answers show it: SECRET inputs and onResume inputs masked (stored encrypted, never shown).</summary>
    public static Execution Masked(Execution execution)
    {
        var masked = EncryptedSecret.Masked(execution.Inputs) is var inputs && ReferenceEquals(inputs, execution.Inputs) ? execution : execution with { Inputs = inputs };
        foreach (var run in execution.TaskRunList)
        {
            if (run.Outputs?.GetValueOrDefault("onResume") is IReadOnlyDictionary<string, object?> resumed
                && EncryptedSecret.Masked(resumed) is var shown && !ReferenceEquals(shown, resumed))
            {
                masked = masked.WithTaskRun(run with { Outputs = new Dictionary<string, object?>(run.Outputs) { ["onResume"] = shown } });
            }
        }

        return masked;
    }

    /// <summary>
    /// Serialized once (an ended execution: the text its end was stored with, UTF-8 or a string); the <c>url</c> is
    /// appended to the object as the answer is written, without a second pass, a conversion to an array or a copy.
    /// </summary>
    public static IResult Result(Execution execution, string? baseUrl = null)
    {
        var masked = Masked(execution);
        byte[]? utf8 = null;
        string? chars = null;
        if (!ReferenceEquals(masked, execution) || !EndedExecutionJson.TryGet(execution, out utf8, out chars))
        {
            utf8 = JsonSerializer.SerializeToUtf8Bytes(masked, KestraJson.Options);
        }

        if (baseUrl is null)
        {
            return Results.Bytes(utf8 ?? Encoding.UTF8.GetBytes(chars!), "application/json");
        }

        var url = JsonSerializer.Serialize($"{baseUrl.TrimEnd('/')}/ui/executions/{execution.Namespace}/{execution.FlowId}/{execution.Id}");
        return new ObjectWithTail(utf8, chars, Encoding.UTF8.GetBytes($",\"url\":{url}}}"));
    }

    /// <summary>
    /// A JSON object (UTF-8 bytes, or a string encoded as it is written) without its closing brace, then <c>tail</c>
    /// (more members and the brace).
    /// </summary>
    private sealed class ObjectWithTail(byte[]? utf8, string? chars, byte[] tail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var body = response.BodyWriter;
            response.ContentType = "application/json";
            if (utf8 is not null)
            {
                response.ContentLength = utf8.Length - 1 + tail.Length;
                body.Write(utf8.AsSpan(0, utf8.Length - 1));
            }
            else
            {
                var open = chars.AsSpan(0, chars!.Length - 1); // the closing brace is one byte in UTF-8 too
                response.ContentLength = Encoding.UTF8.GetByteCount(open) + tail.Length;
                Encoding.UTF8.GetBytes(open, body);
            }

            body.Write(tail);
            var flushed = body.FlushAsync();
            return flushed.IsCompletedSuccessfully ? Task.CompletedTask : flushed.AsTask();
        }
    }
}
