using System.Text;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Merlin.Server.Api;

/// <summary>
/// Maps domain exceptions to Kestra's error body and status codes in one place; anything unexpected
/// becomes a 500 without a stack trace. Answers without a body (unknown route, wrong method, unsupported
/// media type) get the same body, and so does a request whose URL is longer than the limit (414).
/// </summary>
internal static class ErrorHandling
{
    /// <summary>When a client should retry after the store refused a write (disk full, read-only).</summary>
    private const string StorageFaultRetryAfterSeconds = "10";

    public static void UseKestraErrors(this WebApplication app, int maxUrlLength)
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
            if (exception is StorageFaultException)
            {
                context.Response.Headers.RetryAfter = StorageFaultRetryAfterSeconds;
            }

            await context.Response.WriteAsJsonAsync(error, KestraJson.Options);
        }));
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            var request = status.HttpContext.Request;
            await response.WriteAsJsonAsync(ApiError.Of(MessageOf(response, request), request.Path.Value ?? "/"), KestraJson.Options);
        });

        // Kestrel's own limit answers 414 without a body, so it is raised (MerlinApp) and the real limit is checked here.
        app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length <= maxUrlLength)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status414RequestUriTooLong;
            return context.Response.WriteAsJsonAsync(
                ApiError.Of($"URI Too Long: the request URL has {target.Length} characters, more than the limit of {maxUrlLength} (Merlin:MaxUrlLength)", context.Request.Path.Value ?? "/"),
                KestraJson.Options);
        });
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
        BadHttpRequestException e => (e.StatusCode, ApiError.Of(ReasonPhrases.GetReasonPhrase(e.StatusCode) + ": " + e.Message, path)),
        BadRequestException e => (400, ApiError.Of("Bad Request: " + e.Message, path)),
        InvalidStorageUriException e => (400, ApiError.Of("Bad Request: " + e.Message, path)),
        InvalidDataException e => (400, ApiError.Of("Bad Request: malformed multipart body: " + e.Message, path)),
        System.Text.Json.JsonException e => (400, ApiError.Of("Bad Request: malformed JSON: " + e.Message, path)),
        StorageFaultException { DiskFull: true } e => (507, ApiError.Of("Insufficient Storage: " + e.Message, path)),
        StorageFaultException e => (503, ApiError.Of("Service Unavailable: " + e.Message, path)),

        // System.Text.Json reads invalid UTF-8 inside a string lazily, when the value is asked for.
        InvalidOperationException { InnerException: DecoderFallbackException } => (400, ApiError.Of("Bad Request: malformed JSON: the body is not valid UTF-8", path)),
        _ => (500, ApiError.Of("Internal Server Error: an unexpected error occurred", path)),
    };

    private static string MessageOf(HttpResponse response, HttpRequest request) => response.StatusCode switch
    {
        StatusCodes.Status404NotFound => "Page Not Found",
        StatusCodes.Status405MethodNotAllowed =>
            $"Method Not Allowed: method [{request.Method}] is not allowed for URI [{request.Path}]. Allowed methods: [{response.Headers.Allow}]",
        StatusCodes.Status415UnsupportedMediaType => $"Unsupported Media Type: [{request.ContentType}] is not accepted here",
        var code => ReasonPhrases.GetReasonPhrase(code) is { Length: > 0 } reason ? reason : "HTTP " + code,
    };
}
