using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Health;

/// <summary>Liveness, readiness and /health on a healthy server (the disk-full case is in StorageFaultTests).</summary>
[Collection(ServerCollection.Name)]
public sealed class HealthApiTests(MerlinServer server)
{
    [Fact]
    public async Task Liveness_answers_up()
    {
        var response = await server.Client.GetAsync("health/liveness");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"UP"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("health/readiness")]
    [InlineData("health")]
    public async Task Readiness_reports_a_writable_store_and_running_components(string path)
    {
        var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("UP", (string?)body["status"]);
        Assert.Equal("UP", (string?)body["details"]!["store"]!["status"]);
        Assert.Equal("UP", (string?)body["details"]!["components"]!["status"]);
    }
}
