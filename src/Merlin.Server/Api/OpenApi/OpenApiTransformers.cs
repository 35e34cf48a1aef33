using Merlin.Client.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Merlin.Server.Api.OpenApi;

/// <summary>
/// Completes <c>/openapi/v1.json</c> from <see cref="ApiOperations"/>: operationIds, typed request and response
/// bodies (schemas as shared components), Kestra's error body as every operation's default answer, and the
/// security schemes (basic auth, bearer API token) on every route that is not open. The web UI's routes are left out.
/// </summary>
internal static class OpenApiTransformers
{
    public const string Basic = "basicAuth";
    public const string Bearer = "bearerAuth";

    public static IServiceCollection AddMerlinOpenApi(this IServiceCollection services)
    {
        // The schemas follow the serializer options: Kestra writes enums by name and numbers as numbers.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        return services.AddOpenApi(Configure);
    }

    private static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Merlin API (Kestra-compatible)";
            document.Info.Description = "Kestra's REST API as Merlin serves it. Every route also answers under the tenant prefix /api/v1/{tenant}/....";
            foreach (var path in document.Paths.Keys.Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/health", StringComparison.Ordinal) && p != "/metrics").ToList())
            {
                document.Paths.Remove(path);
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Basic] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "Merlin__Security__BasicAuth__Username/Password" },
                [Bearer] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "mrl_ API token", Description = "merlin tokens create" },
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            var description = context.Description;
            var key = $"{description.HttpMethod} /{description.RelativePath?.TrimEnd('/')}";
            if (ApiOperations.All.TryGetValue(key, out var api))
            {
                await DescribeAsync(operation, api, context, ct);
            }

            var open = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            operation.Security = open ? [] :
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            ];
        });
    }

    private static async Task DescribeAsync(OpenApiOperation operation, ApiOperation api, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.OperationId = api.Id;
        operation.Summary = api.Summary;
        if (api.Query.Length > 0)
        {
            operation.Parameters ??= [];
            foreach (var parameter in api.Query.Where(q => !operation.Parameters.Any(p => p.Name == q.Name && p.In == ParameterLocation.Query)))
            {
                operation.Parameters.Add(parameter.ToOpenApi());
            }
        }

        operation.RequestBody = api.Requests.Length == 0 ? null : new OpenApiRequestBody
        {
            Required = true,
            Content = await ContentAsync(api.Requests, context, ct),
        };
        operation.Responses = new OpenApiResponses();
        foreach (var response in api.Responses)
        {
            operation.Responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description,
                Content = response.Bodies.Length == 0 ? null : await ContentAsync(response.Bodies, context, ct),
            };
        }

        operation.Responses["default"] = new OpenApiResponse
        {
            Description = "Refused: Kestra's error body (400, 401, 404, 409, 413, 422, 429...)",
            Content = await ContentAsync([ApiBody.Json<ApiErrorBody>()], context, ct),
        };
    }

    private static async Task<Dictionary<string, OpenApiMediaType>> ContentAsync(ApiBody[] bodies, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var body in bodies)
        {
            content[body.ContentType] = new OpenApiMediaType { Schema = await SchemaAsync(body, context, ct) };
        }

        return content;
    }

    private static async Task<IOpenApiSchema> SchemaAsync(ApiBody body, OpenApiOperationTransformerContext context, CancellationToken ct) => body.Shape switch
    {
        BodyShape.Text => new OpenApiSchema { Type = JsonSchemaType.String },
        BodyShape.Binary => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
        BodyShape.AnyJson => new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Any JSON value", AdditionalProperties = new OpenApiSchema() },
        BodyShape.InputsForm => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One field per flow input (by input id); FILE inputs as file parts",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A value, or a file's bytes (format binary)" },
        },
        BodyShape.FileForm => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["fileContent"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file; a .zip is extracted" },
            },
        },
        _ => await ComponentAsync(body.Type!, context, ct), // Typed bodies always carry their type (ApiBody.Json/Events)
    };

    /// <summary>A model's schema, registered once as a component and referenced, so generators make one class per model.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await ComponentAsync(type.GetGenericArguments()[0], context, ct) };
        }

        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(a => a.Name)) : type.Name;
        var document = context.Document!; // set for operation transformers of a document being built
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, ct));
        }

        return new OpenApiSchemaReference(name, document);
    }
}
