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
    /// Serialized once (an ended execution: the UTF-8 its end was stored with); the <c>url</c> is appended to the object
    /// as the answer is written, without a second pass or a copy.
    /// </summary>
    public static IResult Result(Execution execution, string? baseUrl = null)
    {
        var masked = Masked(execution);
        var json = ReferenceEquals(masked, execution) && EndedExecutionJson.TryGetUtf8(execution, out var stored)
            ? stored
            : JsonSerializer.SerializeToUtf8Bytes(masked, KestraJson.Options);
        if (baseUrl is null)
        {
            return Results.Bytes(json, "application/json");
        }

        var url = JsonSerializer.Serialize($"{baseUrl.TrimEnd('/')}/ui/executions/{execution.Namespace}/{execution.FlowId}/{execution.Id}");
        return new ObjectWithTail(json, Encoding.UTF8.GetBytes($",\"url\":{url}}}"));
    }

    /// <summary>A JSON object written without its closing brace, then <c>tail</c> (more members and the brace).</summary>
    private sealed class ObjectWithTail(byte[] json, byte[] tail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/json";
            response.ContentLength = json.Length - 1 + tail.Length;
            var body = response.BodyWriter;
            body.Write(json.AsSpan(0, json.Length - 1));
            body.Write(tail);
            var flushed = body.FlushAsync();
            return flushed.IsCompletedSuccessfully ? Task.CompletedTask : flushed.AsTask();
        }
    }
}
