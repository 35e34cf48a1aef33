using System.Net;
using System.Text;
using Merlin.Plugins.Http;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class HttpTaskTests
{
    [Fact]
    public async Task Request_outputs_code_headers_and_the_raw_body()
    {
        var handler = new StubHttpHandler(_ => Json(HttpStatusCode.OK, "{\"a\":1}"));
        var context = new FakeTaskRunContext(handler);

        var result = await new Request { Uri = "http://example.test/x" }.RunAsync(context, CancellationToken.None);

        Assert.Equal(200, result.Outputs["code"]);
        Assert.Equal("{\"a\":1}", result.Outputs["body"]);
        Assert.Equal("http://example.test/x", result.Outputs["uri"]);
        var headers = Assert.IsAssignableFrom<IDictionary<string, List<string>>>(result.Outputs["headers"]);
        Assert.StartsWith("application/json", headers["Content-Type"][0]);
        Assert.Equal(HttpMethod.Get, handler.Requests[0].Request.Method);
    }

    [Fact]
    public async Task Request_sends_method_body_content_type_headers_and_basic_auth()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.Created));
        var context = new FakeTaskRunContext(handler);
        var task = new Request
        {
            Uri = "http://example.test/post",
            Method = HttpRequestMethod.POST,
            Body = "hello",
            ContentType = "text/plain",
            Headers = new() { ["X-Test"] = "1" },
            Options = new HttpOptions { BasicAuthUser = "u", BasicAuthPassword = "p" },
        };

        var result = await task.RunAsync(context, CancellationToken.None);

        var (request, body) = handler.Requests[0];
        Assert.Equal(201, result.Outputs["code"]);
        Assert.Null(result.Outputs["body"]);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("hello", body);
        Assert.Equal("text/plain", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("1", request.Headers.GetValues("X-Test").Single());
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p")), request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Basic_auth_needs_both_user_and_password()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));

        await new Request { Uri = "http://example.test/", Options = new HttpOptions { BasicAuthUser = "u" } }
            .RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        Assert.Null(handler.Requests[0].Request.Headers.Authorization);
    }

    [Fact]
    public async Task Form_data_is_url_encoded_by_default()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var task = new Request { Uri = "http://example.test/", Method = HttpRequestMethod.POST, FormData = new() { ["a"] = "x y", ["n"] = 2L } };

        await task.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        var (request, body) = handler.Requests[0];
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("a=x+y&n=2", body);
    }

    [Fact]
    public async Task Multipart_form_data_uploads_kestra_files()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var context = new FakeTaskRunContext(handler);
        var file = context.AddFile("data.csv", "a,b");
        var task = new Request
        {
            Uri = "http://example.test/",
            Method = HttpRequestMethod.POST,
            ContentType = "multipart/form-data",
            FormData = new() { ["file"] = file, ["field"] = "value" },
        };

        await task.RunAsync(context, CancellationToken.None);

        var (request, body) = handler.Requests[0];
        Assert.Equal("multipart/form-data", request.Content!.Headers.ContentType!.MediaType);
        Assert.Contains("filename=data.csv", body);
        Assert.Contains("a,b", body);
        Assert.Contains("value", body);
    }

    [Fact]
    public async Task Error_status_fails_unless_allowFailed()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("nope") });

        await Assert.ThrowsAsync<HttpRequestException>(() => new Request { Uri = "http://example.test/" }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None));
        var result = await new Request { Uri = "http://example.test/", AllowFailed = true }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        Assert.Equal(404, result.Outputs["code"]);
        Assert.Equal("nope", result.Outputs["body"]);
    }

    [Fact]
    public async Task Redirects_are_followed_unless_disabled()
    {
        var handler = new StubHttpHandler(r => r.RequestUri!.AbsolutePath == "/old"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("/new", UriKind.Relative) } }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("moved") });

        var followed = await new Request { Uri = "http://example.test/old" }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);
        var kept = await new Request { Uri = "http://example.test/old", Options = new HttpOptions { FollowRedirects = false } }
            .RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        Assert.Equal("moved", followed.Outputs["body"]);
        Assert.Equal("http://example.test/new", followed.Outputs["uri"]);
        Assert.Equal(302, kept.Outputs["code"]);
    }

    [Fact]
    public async Task Basic_auth_is_not_sent_to_another_origin_after_a_redirect()
    {
        var handler = new StubHttpHandler(r => r.RequestUri!.AbsolutePath == "/old"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri(r.RequestUri.Host == "example.test" ? "http://other.test/old" : "/new", UriKind.RelativeOrAbsolute) } }
            : new HttpResponseMessage(HttpStatusCode.OK));
        var options = new HttpOptions { BasicAuthUser = "admin", BasicAuthPassword = "secret" };

        await new Request { Uri = "http://example.test/old", Options = options }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        Assert.Equal(["example.test", "other.test", "other.test"], handler.Requests.Select(r => r.Request.RequestUri!.Host));
        Assert.NotNull(handler.Requests[0].Request.Headers.Authorization);
        Assert.All(handler.Requests.Skip(1), r => Assert.Null(r.Request.Headers.Authorization));
    }

    [Fact]
    public async Task Request_against_a_real_loopback_server()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var ctx = await listener.GetContextAsync();
            var bytes = Encoding.UTF8.GetBytes("pong " + ctx.Request.HttpMethod);
            ctx.Response.AddHeader("X-Reply", "yes");
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        });
        using var context = new FakeTaskRunContextScope();

        var result = await new Request { Uri = $"http://127.0.0.1:{port}/ping" }.RunAsync(context.Context, CancellationToken.None);
        await serve;

        Assert.Equal("pong GET", result.Outputs["body"]);
        Assert.Equal(["yes"], Assert.IsAssignableFrom<IDictionary<string, List<string>>>(result.Outputs["headers"])["X-Reply"]);
    }

    [Fact]
    public async Task Download_stores_the_body_with_the_content_disposition_name()
    {
        var handler = new StubHttpHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("a,b\n1,2\n")) };
            response.Content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"report.csv\"");
            return response;
        });
        var context = new FakeTaskRunContext(handler);

        var result = await new Download { Uri = "http://example.test/file" }.RunAsync(context, CancellationToken.None);

        var uri = Assert.IsType<string>(result.Outputs["uri"]);
        Assert.EndsWith("/report.csv", uri);
        Assert.Equal("a,b\n1,2\n", context.FileText(uri));
        Assert.Equal(8L, result.Outputs["length"]);
        Assert.Equal(200, result.Outputs["code"]);
    }

    [Fact]
    public async Task Download_of_an_empty_body_fails_unless_allowed()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        await Assert.ThrowsAsync<InvalidOperationException>(() => new Download { Uri = "http://example.test/f.json" }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None));
        var result = await new Download { Uri = "http://example.test/f.json", FailOnEmptyResponse = false }.RunAsync(new FakeTaskRunContext(handler), CancellationToken.None);

        Assert.EndsWith(".json", Assert.IsType<string>(result.Outputs["uri"]));
        Assert.Equal(0L, result.Outputs["length"]);
    }

    private static HttpResponseMessage Json(HttpStatusCode code, string json) =>
        new(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static int FreePort()
    {
        var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    /// <summary>A context with a real <see cref="HttpClient"/> (no stub), disposed after the test.</summary>
    private sealed class FakeTaskRunContextScope : IDisposable
    {
        public FakeTaskRunContext Context { get; } = new();

        public void Dispose() => Context.HttpClient.Dispose();
    }
}
