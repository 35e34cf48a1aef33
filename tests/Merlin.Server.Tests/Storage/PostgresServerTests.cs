using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Storage;

/// <summary>
/// The real <c>merlin server local</c> process on PostgreSQL (<c>Merlin__Storage__Type=postgres</c>): a flow runs to
/// SUCCESS through the HTTP API, with an uploaded file kept in the database, and after a kill -9 and a restart the
/// execution, its logs and its file are all still there. Nothing of it is in the data directory.
/// </summary>
public sealed class PostgresServerTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "merlin-postgres-server-" + Guid.NewGuid().ToString("N"));
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        await (await PostgresCluster.GetAsync()).DropSchemaAsync(connectionString);
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_flow_runs_to_success_on_postgres_and_survives_a_restart()
    {
        const string flow = "id: pg\nnamespace: tests.postgres\ninputs:\n  - id: data\n    type: FILE\ntasks:\n"
            + "  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: \"read {{ read(inputs.data) }}\"\n";
        string id, uri;
        using (var first = Server())
        {
            await first.StartAsync();
            Assert.Equal(HttpStatusCode.OK, (await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);
            using var form = new MultipartFormDataContent { { new ByteArrayContent("stored in postgres"u8.ToArray()), "data", "data.txt" } };
            var response = await first.Client.PostAsync("api/v1/executions/tests.postgres/pg?wait=true", form);
            var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
            id = (string)execution["id"]!;
            uri = (string)execution["inputs"]!["data"]!;
            Assert.EndsWith($"/ui/executions/tests.postgres/pg/{id}", (string)execution["url"]!, StringComparison.Ordinal); // appended to the stored text as it is written
            first.KillHard();
        }

        using var second = Server();
        await second.StartAsync();
        var stored = JsonNode.Parse(await second.Client.GetStringAsync($"api/v1/executions/{id}"))!;
        Assert.Equal("SUCCESS", (string?)stored["state"]!["current"]);
        Assert.Contains("read stored in postgres", await second.Client.GetStringAsync($"api/v1/logs/{id}"), StringComparison.Ordinal);
        Assert.Equal("stored in postgres", await second.Client.GetStringAsync($"api/v1/executions/{id}/file?path={Uri.EscapeDataString(uri)}"));
        var search = JsonNode.Parse(await second.Client.GetStringAsync("api/v1/executions/search?namespace=tests.postgres"))!;
        Assert.Equal(1, (int?)search["total"]);

        Assert.False(File.Exists(Path.Combine(dataDir, "merlin.db")), "the SQLite database was created although PostgreSQL is configured");
        Assert.False(Directory.Exists(Path.Combine(dataDir, "storage")), "files went to the data directory although PostgreSQL keeps them");
    }

    [Fact]
    public async Task An_unknown_storage_type_stops_the_start_with_the_accepted_names()
    {
        using var server = Server();
        server.Environment["Merlin__Storage__Type"] = "mysql";

        await Assert.ThrowsAnyAsync<Exception>(server.StartAsync);

        await server.WaitForLineAsync(l => l.Contains("Merlin:Storage:Type 'mysql'", StringComparison.Ordinal) && l.Contains("postgres", StringComparison.Ordinal), "naming the bad storage type");
    }

    private ServerProcess Server()
    {
        var server = new ServerProcess(dataDir);
        server.Environment["Merlin__Storage__Type"] = "postgres";
        server.Environment["Merlin__Storage__Postgres__ConnectionString"] = connectionString;
        return server;
    }
}
