namespace Merlin.Server.Ui;

/// <summary>
/// Serves the web UI at <c>/ui</c>: files by path, every other <c>/ui/...</c> path gets index.html (the client routes),
/// and <c>/</c> redirects to the flow list. They are open (static files, no data); the API they call is not.
/// </summary>
internal static class UiEndpoints
{
    // No inline script and no <style> elements; style attributes are allowed because CodeMirror positions its tooltips
    // and panels with them (they cannot run code). Its generated style sheets are adopted inside shadow roots.
    private const string Policy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; style-src-attr 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    public static void MapMerlinUi(this IEndpointRouteBuilder app)
    {
        var assets = UiAssets.Load(typeof(UiEndpoints).Assembly);
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        // The UI's files hold no data, so they are open: with auth on, the app shows its own login page and sends the
        // credentials with its API calls (which stay protected).
        app.MapMethods("/", methods, () => Results.Redirect("/ui/flows")).AllowAnonymous();
        app.MapMethods("/ui", methods, () => Results.Redirect("/ui/flows")).AllowAnonymous();
        app.MapMethods("/ui/{**path}", methods, (string? path, HttpContext http) => Serve(http, assets, path ?? "")).AllowAnonymous();
    }

    /// <summary>Client routes can hold dots (namespaces, flow ids); file folders cannot be mistaken for them.</summary>
    private static bool IsClientRoute(string path) =>
        path.Split('/')[0] is "flows" or "executions" or "namespaces" or "triggers" or "login";

    private static IResult Serve(HttpContext http, UiAssets assets, string path)
    {
        var asset = assets.Find(path);
        if (asset is null)
        {
            // A missing file (a name with an extension under a file folder) is a 404, not the page: a broken
            // script reference must fail loudly instead of loading HTML as JavaScript.
            if (Path.HasExtension(path) && !IsClientRoute(path))
            {
                return Results.NotFound();
            }

            asset = assets.Index;
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = Policy;
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
