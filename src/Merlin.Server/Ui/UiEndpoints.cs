namespace Merlin.Server.Ui;

/// <summary>
/// Serves the web UI at <c>/ui</c>: files by path, every other <c>/ui/...</c> path gets index.html (the client routes),
/// and <c>/</c> redirects to the flow list. These are ordinary endpoints, so with auth on they need credentials like
/// the API (the 401 carries <c>WWW-Authenticate: Basic</c>, which makes the browser ask).
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
        app.MapMethods("/", methods, () => Results.Redirect("/ui/flows"));
        app.MapMethods("/ui", methods, () => Results.Redirect("/ui/flows"));
        app.MapMethods("/ui/{**path}", methods, (string? path, HttpContext http) => Serve(http, assets, path ?? ""));
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
