using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Merlin.Testing;

namespace Merlin.Server.Tests.Infrastructure;

/// <summary><c>/openapi/v1.json</c> is complete and typed: what a client generator needs for every route.</summary>
[Collection(ServerCollection.Name)]
public sealed class OpenApiDocumentTests(MerlinServer server)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private async Task<(JsonNode Document, List<(string Route, JsonNode Operation)> Operations)> LoadAsync()
    {
        var document = await server.GetJsonAsync("openapi/v1.json");
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => Methods.Contains(o.Key)).Select(o => ($"{o.Key.ToUpperInvariant()} {p.Key}", o.Value!)))
            .ToList();
        return (document, operations);
    }

    [Fact]
    public async Task Every_route_has_a_unique_operation_id_and_a_summary()
    {
        var (_, operations) = await LoadAsync();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty((string?)o.Operation["operationId"]), $"{o.Route} has no operationId"));
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty((string?)o.Operation["summary"]), $"{o.Route} has no summary"));
        var duplicates = operations.GroupBy(o => (string?)o.Operation["operationId"]).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate operationIds: " + string.Join(", ", duplicates));
    }

    [Fact]
    public async Task Every_request_body_and_every_response_with_a_body_declares_a_schema()
    {
        var (document, operations) = await LoadAsync();
        var missing = new List<string>();
        foreach (var (route, operation) in operations)
        {
            foreach (var (mediaType, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                if (content is null || !HasSchema(document, content))
                {
                    missing.Add($"{route} request {mediaType}");
                }
            }

            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("default"), $"{route} does not document its error body");
            foreach (var (status, response) in responses)
            {
                var content = response!["content"]?.AsObject();
                // Kestra answers a KV put, a pause and the namespace file changes with 200 and an empty body; 202 and 204 never have one.
                if (status is "202" or "204" || (status == "200" && route is "PUT /api/v1/namespaces/{namespace}/kv/{key}" or "POST /api/v1/executions/{id}/pause"
                    or "POST /api/v1/namespaces/{namespace}/files" or "PUT /api/v1/namespaces/{namespace}/files" or "DELETE /api/v1/namespaces/{namespace}/files"
                    or "POST /api/v1/namespaces/{namespace}/files/directory"))
                {
                    Assert.True(content is null || content.Count == 0, $"{route} {status} must have no body");
                    continue;
                }

                if (content is null || content.Count == 0)
                {
                    missing.Add($"{route} response {status} has no content");
                    continue;
                }

                missing.AddRange(content.Where(c => !HasSchema(document, c.Value!)).Select(c => $"{route} response {status} {c.Key}"));
            }
        }

        Assert.True(missing.Count == 0, "untyped: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Every_route_declares_its_security_and_the_schemes_exist()
    {
        var (document, operations) = await LoadAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();

        Assert.Equal("basic", (string?)schemes["basicAuth"]!["scheme"]);
        Assert.Equal("bearer", (string?)schemes["bearerAuth"]!["scheme"]);
        foreach (var (route, operation) in operations)
        {
            var security = operation["security"]?.AsArray();
            Assert.True(security is not null, $"{route} declares no security");
            Assert.All(security, r => Assert.All(r!.AsObject(), s => Assert.True(schemes.ContainsKey(s.Key), $"{route}: unknown scheme {s.Key}")));
        }

        Assert.Empty(operations.Single(o => o.Route == "GET /health").Operation["security"]!.AsArray());
        Assert.NotEmpty(operations.Single(o => o.Route == "POST /api/v1/flows").Operation["security"]!.AsArray());
    }

    [Fact]
    public async Task Models_are_typed_with_kestras_names_enums_and_numbers()
    {
        var (document, operations) = await LoadAsync();
        var execution = document["components"]!["schemas"]!["Execution"]!;
        var state = execution["properties"]!["state"]!;

        Assert.Equal("integer", (string?)execution["properties"]!["flowRevision"]!["type"]);
        Assert.Contains("SUCCESS", state["properties"]!["current"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("#/components/schemas/Execution",
            (string?)operations.Single(o => o.Route == "GET /api/v1/executions/{id}").Operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.DoesNotContain(operations, o => o.Route.Contains(" /ui", StringComparison.Ordinal));
    }

    /// <summary>
    /// Handlers that read <c>Request.Query</c> by hand hide their parameters from ASP.NET: every name such a handler
    /// reads (found in its source) must be declared on its routes, typed, as a query or path parameter.
    /// </summary>
    [Theory]
    [InlineData("ExecutionSearch.cs", "GET /api/v1/executions/search")]
    [InlineData("TriggerEndpoints.cs", "GET /api/v1/triggers/search")]
    [InlineData("TriggerEndpoints.cs", "GET /api/v1/triggers/{namespace}/{flowId}")]
    public async Task Every_query_parameter_a_handler_reads_by_hand_is_declared(string source, string route)
    {
        var (_, operations) = await LoadAsync();
        var code = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "Merlin.Server", "Api", source));
        var read = Regex.Matches(code, @"[Qq]uery\[""(\w+)""\]|\(query, ""(\w+)""\)")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .ToHashSet();
        var parameters = operations.Single(o => o.Route == route).Operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];

        Assert.True(read.Count >= 3, $"{source}: found only {read.Count} query reads, the pattern no longer matches the code");
        foreach (var name in read)
        {
            var declared = parameters.FirstOrDefault(p => (string?)p["name"] == name && (string?)p["in"] is "query" or "path");
            Assert.True(declared is not null, $"{route} reads ?{name}= but does not declare it");
            Assert.False(string.IsNullOrEmpty((string?)declared["schema"]?["type"]), $"{route} ?{name}= has no type");
        }
    }

    [Fact]
    public async Task Search_parameters_are_typed_and_described()
    {
        var (_, operations) = await LoadAsync();
        var parameters = operations.Single(o => o.Route == "GET /api/v1/executions/search").Operation["parameters"]!.AsArray()
            .ToDictionary(p => (string)p!["name"]!, p => p!);

        Assert.Equal("integer", (string?)parameters["size"]["schema"]!["type"]);
        Assert.Equal("date-time", (string?)parameters["startDate"]["schema"]!["format"]);
        Assert.Equal("array", (string?)parameters["state"]["schema"]!["type"]);
        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrEmpty((string?)p["description"]), $"?{p["name"]}= has no description"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Merlin.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Merlin.slnx not found above " + AppContext.BaseDirectory);
    }

    private static bool HasSchema(JsonNode document, JsonNode content)
    {
        var schema = content["schema"];
        if (schema is null || schema.AsObject().Count == 0)
        {
            return false;
        }

        var reference = (string?)schema["$ref"] ?? (string?)schema["items"]?["$ref"];
        return reference is null || document["components"]!["schemas"]![reference.Split('/')[^1]] is not null;
    }
}
