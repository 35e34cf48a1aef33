using System.Globalization;
using Merlin.Core.Json;
using Merlin.Server.Api;

namespace Merlin.Server.Security;

/// <summary>The 401 and 429 answers, with Kestra's error body.</summary>
internal static class Challenges
{
    public static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;

        // The web UI marks its calls (X-Requested-With) and shows its own login page: a challenge there would make
        // the browser open its credentials prompt instead.
        if (context.Request.Headers.XRequestedWith != "XMLHttpRequest")
        {
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{MerlinSchemes.Realm}\"";
        }

        return WriteAsync(context, "Unauthorized: missing or invalid credentials (use basic auth or an API token as 'Authorization: Bearer <token>')");
    }

    public static Task TooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, $"Too Many Requests: too many failed logins from this address, retry in {seconds} s");
    }

    private static Task WriteAsync(HttpContext context, string message) =>
        context.Response.WriteAsJsonAsync(ApiError.Of(message, context.Request.Path.Value ?? "/"), KestraJson.Options);
}
