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
    /// Serialized once (an ended execution: the text its end was stored with, UTF-8 or a string) and written as it is
    /// kept, without a conversion to an array or a copy; the <c>url</c>, when asked for, is appended as it is written.
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

        var url = baseUrl is null ? null : JsonSerializer.Serialize($"{baseUrl.TrimEnd('/')}/ui/executions/{execution.Namespace}/{execution.FlowId}/{execution.Id}");
        return new JsonText(utf8, chars, url is null ? null : Encoding.UTF8.GetBytes($",\"url\":{url}}}"));
    }

    /// <summary>
    /// A JSON object, UTF-8 bytes or a string encoded as it is written; with a <c>tail</c> (more members and the brace)
    /// written in place of its closing brace.
    /// </summary>
    private sealed class JsonText(byte[]? utf8, string? chars, byte[]? tail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var body = response.BodyWriter;
            var cut = tail is null ? 0 : 1; // the closing brace, one byte in UTF-8 too
            response.ContentType = "application/json";
            if (utf8 is not null)
            {
                response.ContentLength = utf8.Length - cut + (tail?.Length ?? 0);
                body.Write(utf8.AsSpan(0, utf8.Length - cut));
            }
            else
            {
                var text = chars.AsSpan(0, chars!.Length - cut);
                response.ContentLength = Encoding.UTF8.GetByteCount(text) + (tail?.Length ?? 0);
                Encoding.UTF8.GetBytes(text, body);
            }

            if (tail is not null)
            {
                body.Write(tail);
            }

            var flushed = body.FlushAsync();
            return flushed.IsCompletedSuccessfully ? Task.CompletedTask : flushed.AsTask();
        }
    }
}
