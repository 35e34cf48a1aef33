using System.Net;
using System.Net.Http.Headers;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Ui;

/// <summary>The web UI's serving: the page for every client route, files with their types, <c>/</c> to the flow list.</summary>
[Collection(ServerCollection.Name)]
public sealed class UiRoutesTests(MerlinServer server)
{
    [Theory]
    [InlineData("ui/flows")]
    [InlineData("ui/flows/edit/company.team/hello_world")]
    [InlineData("ui/flows/edit/company.team/hello_world/executions")]
    [InlineData("ui/executions")]
    [InlineData("ui/executions/company.team/hello_world/4ZdqZBb8saKRhNczFuSBl8")]
    [InlineData("ui/executions/company.team/hello_world/4ZdqZBb8saKRhNczFuSBl8/logs")]
    [InlineData("ui/flows/new")]
    [InlineData("ui/namespaces/company.team")]
    [InlineData("ui/namespaces/company.team/kv")]
    [InlineData("ui/triggers")]
    [InlineData("ui/login")]
    public async Task Ui_paths_serve_the_index_page(string path)
    {
        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/ui/app.js\"></script>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("ui/app.js", "text/javascript")]
    [InlineData("ui/views/execution.js", "text/javascript")]
    [InlineData("ui/app.css", "text/css")]
    [InlineData("ui/favicon.svg", "image/svg+xml")]
    [InlineData("ui/index.html", "text/html")]
    [InlineData("ui/vendor/codemirror.js", "text/javascript")]
    [InlineData("ui/vendor/LICENSES.txt", "text/plain")]
    public async Task Static_files_have_their_content_type(string path, string type)
    {
        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Every_module_a_script_imports_is_served()
    {
        var scripts = typeof(Merlin.Server.Ui.UiAssets).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ui/", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal) && !n.StartsWith("ui/vendor/", StringComparison.Ordinal))
            .Select(n => n["ui/".Length..]).ToList();
        Assert.Contains("views/flow-editor.js", scripts);
        foreach (var script in scripts)
        {
            var source = await server.Client.GetStringAsync("ui/" + script);
            foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(source, @"from '(\.\.?/[^']+)'"))
            {
                var target = new Uri(new Uri(server.BaseAddress, "ui/" + script), import.Groups[1].Value);
                using var response = await server.Client.GetAsync(target);
                Assert.True(response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/javascript",
                    $"{script} imports {import.Groups[1].Value}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        }
    }

    [Fact]
    public async Task A_missing_file_is_404_not_the_page()
    {
        using var response = await server.Client.GetAsync("ui/views/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ui")]
    public async Task The_root_redirects_to_the_flow_list(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/flows", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unchanged_file_answers_304_to_its_etag()
    {
        using var first = await server.Client.GetAsync("ui/app.css");
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag");
        using var request = new HttpRequestMessage(HttpMethod.Get, "ui/app.css");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var second = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
