using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Namespaces;

/// <summary>Kestra's namespace files routes, and the files they hold as scripts and read() see them.</summary>
[Collection(ServerCollection.Name)]
public sealed class NamespaceFilesApiTests(MerlinServer server)
{
    private async Task<HttpResponseMessage> UploadAsync(string @namespace, string path, string content, string fileName = "file.txt")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "fileContent", fileName);
        return await server.Client.PostAsync($"api/v1/namespaces/{@namespace}/files?path={Uri.EscapeDataString(path)}", form);
    }

    [Fact]
    public async Task Upload_list_stats_download_move_and_delete()
    {
        const string ns = "tests.nsfiles.crud";
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(ns, "/scripts/hello.py", "print('hi')")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"api/v1/namespaces/{ns}/files/directory?path=/empty", null)).StatusCode);

        var root = (await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/directory")).AsArray();
        Assert.Equal(["empty:Directory", "scripts:Directory"], root.Select(e => $"{e!["fileName"]}:{e["type"]}").Order(StringComparer.Ordinal));
        var inside = (await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/directory?path=/scripts")).AsArray().Single()!;
        Assert.Equal("hello.py", (string?)inside["fileName"]);
        Assert.Equal(11, (long)inside["size"]!);
        Assert.True((long)inside["lastModifiedTime"]! > 0);
        Assert.Equal("File", (string?)(await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/stats?path=/scripts/hello.py"))["type"]);
        Assert.Equal("print('hi')", await server.Client.GetStringAsync($"api/v1/namespaces/{ns}/files?path=/scripts/hello.py"));
        Assert.Equal(["/scripts/hello.py"], (await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/search?q=hello")).AsArray().Select(p => (string?)p));

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync($"api/v1/namespaces/{ns}/files?from=/scripts&to=/moved", null)).StatusCode);
        Assert.Equal("print('hi')", await server.Client.GetStringAsync($"api/v1/namespaces/{ns}/files?path=/moved/hello.py"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/v1/namespaces/{ns}/files?path=/scripts/hello.py")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"api/v1/namespaces/{ns}/files?path=/moved/hello.py")).StatusCode);
        var left = (await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/directory")).AsArray();
        Assert.Equal(["empty"], left.Select(e => (string?)e!["fileName"])); // the folder left empty went with its file
    }

    [Theory]
    [InlineData("/_flows/flow.yml")]
    [InlineData("/a/../../outside.txt")]
    [InlineData("/a//b.txt")]
    public async Task Forbidden_or_escaping_paths_are_refused_with_422(string path)
    {
        var response = await UploadAsync("tests.nsfiles.bad", path, "x");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Illegal argument", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_404_with_kestras_error_body()
    {
        var response = await server.Client.GetAsync("api/v1/namespaces/tests.nsfiles.none/files?path=/nothing.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not Found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_files_uploaded_through_the_api_are_seen_by_a_script_and_by_read()
    {
        const string ns = "tests.nsfiles.script";
        await UploadAsync(ns, "/lib/greet.py", "def greet(name):\n    return 'hello ' + name\n");
        await UploadAsync(ns, "/main.py", "from lib.greet import greet\nprint('::{\"outputs\":{\"greeting\":\"' + greet('merlin') + '\"}}::')\n");
        await UploadAsync(ns, "/notes/skip.txt", "not included");
        await server.CreateFlowAsync($$$"""
            id: uses_namespace_files
            namespace: {{{ns}}}
            tasks:
              - id: py
                type: io.kestra.plugin.scripts.python.Commands
                namespaceFiles:
                  enabled: true
                  include:
                    - "**.py"
                commands:
                  - python main.py
                  - test ! -e notes/skip.txt
              - id: read
                type: io.kestra.plugin.core.debug.Return
                format: "{{ read('/lib/greet.py') | length }}"
            """);

        var end = await server.ExecuteAsync(ns, "uses_namespace_files");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        Assert.Equal("hello merlin", (string?)runs.Single(r => (string?)r!["taskId"] == "py")!["outputs"]!["vars"]!["greeting"]);
        Assert.Equal("44", (string?)runs.Single(r => (string?)r!["taskId"] == "read")!["outputs"]!["value"]);
    }

    [Fact]
    public async Task The_namespace_tasks_upload_download_and_delete_files()
    {
        const string ns = "tests.nsfiles.tasks";
        await server.CreateFlowAsync($"""
            id: namespace_tasks
            namespace: {ns}
            tasks:
              - id: dir
                type: io.kestra.plugin.core.flow.WorkingDirectory
                tasks:
                  - id: make
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - mkdir -p out && echo one > out/one.txt && echo two > out/two.txt
                  - id: upload
                    type: io.kestra.plugin.core.namespace.UploadFiles
                    namespace: {ns}
                    files:
                      - "out/*.txt"
                    destination: /uploaded
              - id: download
                type: io.kestra.plugin.core.namespace.DownloadFiles
                namespace: {ns}
                files: "uploaded/out/one.txt"
              - id: delete
                type: io.kestra.plugin.core.namespace.DeleteFiles
                namespace: {ns}
                files:
                  - "**/two.txt"
            """);

        var end = await server.ExecuteAsync(ns, "namespace_tasks");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        var downloaded = runs.Single(r => (string?)r!["taskId"] == "download")!["outputs"]!["files"]!["/uploaded/out/one.txt"]!;
        Assert.Equal("one\n", await server.Client.GetStringAsync($"api/v1/executions/{end["id"]}/file?path={Uri.EscapeDataString((string)downloaded!)}"));
        var left = (await server.GetJsonAsync($"api/v1/namespaces/{ns}/files/directory?path=/uploaded/out")).AsArray();
        Assert.Equal(["one.txt"], left.Select(e => (string?)e!["fileName"]));
    }

    [Fact]
    public async Task A_working_directory_writes_its_namespace_files_before_its_first_child()
    {
        const string ns = "tests.nsfiles.workingdir";
        await UploadAsync(ns, "/conf/settings.txt", "from namespace");
        await server.CreateFlowAsync($$$"""
            id: working_directory_namespace_files
            namespace: {{{ns}}}
            tasks:
              - id: dir
                type: io.kestra.plugin.core.flow.WorkingDirectory
                namespaceFiles:
                  enabled: true
                inputFiles:
                  inline.txt: inline
                tasks:
                  - id: cat
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "::{\"outputs\":{\"text\":\"$(cat conf/settings.txt) $(cat inline.txt)\"}}::"
            """);

        var end = await server.ExecuteAsync(ns, "working_directory_namespace_files");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var cat = end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "cat")!;
        Assert.Equal("from namespace inline", (string?)cat["outputs"]!["vars"]!["text"]);
    }
}
