using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Runtime.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Merlin.Server.Api;

/// <summary>
/// Maps domain exceptions to Kestra's error body and status codes in one place; anything unexpected
/// becomes a 500 without a stack trace.
/// </summary>
internal static class ErrorHandling
{
    public static void UseKestraErrors(this WebApplication app)
    {
        app.UseExceptionHandler(builder => builder.Run(async context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var path = context.Request.Path.Value ?? "/";
            var (status, error) = Map(exception, path);
            if (status == StatusCodes.Status500InternalServerError)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Merlin.Api")
                    .LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, path);
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(error, KestraJson.Options);
        }));
    }

    public static (int Status, ApiError Error) Map(Exception? exception, string path) => exception switch
    {
        FlowValidationException e => (422, ApiError.Of("Invalid entity: " + e.Message, path,
            e.Violations.Select(v => new ApiErrorDetail(v.ToString(), v.Path)).ToList())),
        InvalidEntityException e => (422, ApiError.Of("Invalid entity: " + e.Message, path,
            e.Details.Select(d => new ApiErrorDetail(d.Message, d.Path)).ToList())),
        NotFoundException e => (404, ApiError.Of("Not Found: " + e.Message, path)),
        ConflictException e => (409, ApiError.Of("Conflict: " + e.Message, path)),
        IllegalStateException e => (409, ApiError.Of("Illegal state: " + e.Message, path)),
        Runtime.Errors.IllegalArgumentException e => (422, ApiError.Of("Illegal argument: " + e.Message, path)),
        BadHttpRequestException e => (e.StatusCode, ApiError.Of(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(e.StatusCode) + ": " + e.Message, path)),
        BadRequestException e => (400, ApiError.Of("Bad Request: " + e.Message, path)),
        InvalidDataException e => (400, ApiError.Of("Bad Request: malformed multipart body: " + e.Message, path)),
        System.Text.Json.JsonException e => (400, ApiError.Of("Bad Request: malformed JSON: " + e.Message, path)),
        _ => (500, ApiError.Of("Internal Server Error: an unexpected error occurred", path)),
    };
}
