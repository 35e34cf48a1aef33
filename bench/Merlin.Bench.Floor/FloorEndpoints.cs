using System.Text;

namespace Merlin.Bench.Floor;

/// <summary>
/// The routes the benchmark's client calls, answered with the least work: an execution is one row, committed before
/// the answer, whose JSON has the fields the client reads (<c>id</c>, <c>state.current</c>).
/// </summary>
public static class FloorEndpoints
{
    public static void Map(WebApplication app, IFloorStore store)
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/api/v1/flows", () => Results.Ok()); // flows are not stored: the floor has no engine to give them to
        app.MapPost("/api/v1/executions/{namespace}/{flowId}", async (string @namespace, string flowId, HttpContext http) =>
        {
            var id = Guid.NewGuid().ToString("N")[..22];
            var json = $$$"""{"id":"{{{id}}}","namespace":"{{{@namespace}}}","flowId":"{{{flowId}}}","state":{"current":"SUCCESS"}}""";
            await store.InsertAsync(id, @namespace, flowId, json);
            http.Response.ContentType = "application/json";
            var body = Encoding.UTF8.GetBytes(json);
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body);
        });
        app.MapGet("/api/v1/executions/search", async (string @namespace) =>
            Results.Text($$"""{"results":[],"total":{{await store.CountAsync(@namespace)}}}""", "application/json"));
    }
}
