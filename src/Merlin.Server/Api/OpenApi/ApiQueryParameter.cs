using Microsoft.OpenApi;

namespace Merlin.Server.Api.OpenApi;

/// <summary>
/// A query parameter a handler reads from <c>Request.Query</c> by hand (so ASP.NET cannot see it): its name, JSON type
/// (with format), meaning, and whether it repeats (<c>?state=RUNNING&amp;state=FAILED</c>).
/// </summary>
internal sealed record ApiQueryParameter(string Name, JsonSchemaType Type, string Description, string? Format = null, bool Repeated = false)
{
    public static ApiQueryParameter Text(string name, string description) => new(name, JsonSchemaType.String, description);

    public static ApiQueryParameter Integer(string name, string description) => new(name, JsonSchemaType.Integer, description, "int32");

    public static ApiQueryParameter Date(string name, string description) => new(name, JsonSchemaType.String, description, "date-time");

    public static ApiQueryParameter Page { get; } = Integer("page", "The page, from 1 (default 1)");

    public static ApiQueryParameter Size { get; } = Integer("size", "Results per page, 1 to 1000 (default 10)");

    public OpenApiParameter ToOpenApi()
    {
        var schema = new OpenApiSchema { Type = Type, Format = Format };
        return new OpenApiParameter
        {
            Name = Name,
            In = ParameterLocation.Query,
            Description = Description,
            Required = false,
            Schema = Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            Explode = Repeated,
            Style = Repeated ? ParameterStyle.Form : null,
        };
    }
}
