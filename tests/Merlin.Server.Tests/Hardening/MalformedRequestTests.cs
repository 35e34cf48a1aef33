using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Server.Tests.Security;
using Merlin.Testing;

namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// Every malformed or hostile request gets its 4xx with Kestra's error body (never a 5xx), and the server stays
/// healthy: its listings still answer afterwards.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class MalformedRequestTests(MerlinServer server)
{
    private static readonly ConditionalWeakTable<MerlinServer, Task<HostileTarget>> Targets = [];

    public static TheoryData<string> Names() => [.. HostileRequests.All.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_malformed_request_gets_its_4xx_with_kestra_error_body(string name)
    {
        var hostile = HostileRequests.All.Single(r => r.Name == name);

        using var response = await SendAsync(hostile);

        Assert.Equal(hostile.Status, (int)response.StatusCode);
        if (!hostile.AnsweredByKestrel)
        {
            await ApiErrorAssert.IsKestraErrorAsync(response, "");
        }
    }

    [Fact]
    public async Task After_every_hostile_request_the_server_is_healthy_and_its_listings_answer()
    {
        var statuses = new List<(string Name, int Status)>();
        foreach (var hostile in HostileRequests.All)
        {
            using var response = await SendAsync(hostile);
            statuses.Add((hostile.Name, (int)response.StatusCode));
        }

        Assert.True(statuses.Count >= 55, "the suite tries at least 55 hostile requests");
        Assert.DoesNotContain(statuses, s => s.Status is < 400 or >= 500); // 0 x 5xx, none accepted
        Assert.Equal("UP", (string?)(await server.GetJsonAsync("health"))["status"]);
        Assert.NotNull((await server.GetJsonAsync("api/v1/flows/search?size=100"))["results"]);
        var executions = (await server.GetJsonAsync("api/v1/executions/search?namespace=hostile&size=100"))["results"]!.AsArray();
        Assert.Contains(executions, e => (string?)e!["flowId"] == "upload");
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/flows/a..b/upload")).StatusCode); // nothing stored for a..b
    }

    [Theory]
    [InlineData("%2e%2e%2fx.txt", "_2e_2e_2fx.txt")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..", "file")]
    [InlineData("a b$c.txt", "a_b_c.txt")]
    public async Task Uploaded_file_names_are_sanitised_into_one_uri_segment(string fileName, string stored)
    {
        var target = await TargetAsync(fileName);

        Assert.EndsWith("/inputs/file/" + stored, target.FileUri, StringComparison.Ordinal);
        Assert.Equal("hostile content", await server.Client.GetStringAsync($"api/v1/executions/{target.ExecutionId}/file?path={Uri.EscapeDataString(target.FileUri)}"));
    }

    [Fact]
    public async Task An_upload_name_of_300_characters_is_shortened_keeping_its_extension()
    {
        var target = await TargetAsync(new string('a', 300) + ".txt");

        var name = target.FileUri[(target.FileUri.LastIndexOf('/') + 1)..];
        Assert.Equal(100, name.Length);
        Assert.EndsWith("a.txt", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_a_flow_without_tasks_as_a_constraint()
    {
        using var response = await server.PostYamlAsync("api/v1/flows/validate", "id: a\nnamespace: hostile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("flow.tasks: must not be empty", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())![0]!["constraints"]);
    }

    private async Task<HttpResponseMessage> SendAsync(HostileRequest hostile)
    {
        var target = await Targets.GetValue(server, _ => TargetAsync("hello.txt"));
        using var request = hostile.Build(target);
        return await server.Client.SendAsync(request);
    }

    private async Task<HostileTarget> TargetAsync(string fileName)
    {
        using var create = await server.PostYamlAsync("api/v1/flows", HostileRequests.UploadFlow);
        Assert.True(create.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"creating the flow: {create.StatusCode}");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("hostile content"), "file", fileName);
        using var response = await server.Client.PostAsync($"api/v1/executions/{HostileRequests.Namespace}/upload?wait=true", form);
        var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, execution.ToJsonString());
        return new HostileTarget((string)execution["id"]!, (string)execution["inputs"]!["file"]!);
    }
}
