namespace Merlin.Server.Api.OpenApi;

/// <summary>What the OpenAPI document says about one route: its operationId, summary, request and answers.</summary>
internal sealed record ApiOperation(string Id, string Summary, ApiBody[] Requests, params ApiResponse[] Responses)
{
    public ApiOperation(string id, string summary, ApiResponse response)
        : this(id, summary, [], response)
    {
    }

    /// <summary>The query parameters the handler reads by hand; bound handler arguments are declared by ASP.NET itself.</summary>
    public ApiQueryParameter[] Query { get; init; } = [];
}
