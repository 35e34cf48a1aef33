using System.Globalization;

namespace Merlin.Server.Security.Tokens;

/// <summary>
/// Ends an event stream (<c>GET .../follow</c>) opened with an API token when that token is revoked or expires:
/// the request's <see cref="HttpContext.RequestAborted"/> becomes linked to both, so the stream's loop stops as
/// if the client had left. Other requests are short and keep the token they were authenticated with.
/// </summary>
internal static class StreamRevocation
{
    public static void UseStreamRevocation(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim) is not { } tokenId
            || context.Request.Path.Value?.EndsWith("/follow", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        var revocations = context.RequestServices.GetRequiredService<TokenRevocations>();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, revocations.Watch(tokenId.Value));
        if (context.User.FindFirst(ApiTokenAuthenticationHandler.ExpiresClaim) is { } expires)
        {
            var left = DateTimeOffset.Parse(expires.Value, CultureInfo.InvariantCulture) - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            lifetime.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        context.RequestAborted = lifetime.Token;
        await next(context);
    });
}
