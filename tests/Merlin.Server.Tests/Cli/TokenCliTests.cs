using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Security;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cli;

/// <summary><c>merlin tokens create|list|revoke</c> through the API of a server with basic auth on, and offline on a data directory.</summary>
[Collection(SecuredCollection.Name)]
public sealed class TokenCliTests(SecuredServer secured)
{
    private Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(args, new Dictionary<string, string>
    {
        ["MERLIN_SERVER"] = secured.Server.BaseAddress.ToString(),
        ["MERLIN_USER"] = $"{SecuredServer.User}:{SecuredServer.Password}",
    });

    [Fact]
    public async Task Create_list_revoke_through_the_server()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var create = await RunAsync("tokens", "create", "--name", name);
        var token = create.Output.Trim();
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.StartsWith("mrl_", token);

        // The new token authenticates the CLI itself (tokens themselves are managed with the administrator's credentials).
        var flows = await CliProcess.RunAsync(["flow", "list", "-o", "json"], new Dictionary<string, string>
        {
            ["MERLIN_SERVER"] = secured.Server.BaseAddress.ToString(),
            ["MERLIN_TOKEN"] = token,
        });
        Assert.True(flows.ExitCode == 0, flows.ToString());
        var list = await RunAsync("tokens", "list", "-o", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var id = (string)JsonNode.Parse(list.Output)!.AsArray().Single(t => (string?)t!["name"] == name)!["id"]!;
        Assert.DoesNotContain(token, list.Output);

        var revoke = await RunAsync("tokens", "revoke", id);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using var client = secured.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/flows/search")).StatusCode);

        var again = await RunAsync("tokens", "revoke", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not found", again.Error);
    }

    [Fact]
    public async Task Without_credentials_the_servers_401_is_reported()
    {
        var result = await CliProcess.RunAsync(["tokens", "list", "--server", secured.Server.BaseAddress.ToString()]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unauthorized", result.Error);
    }

    [Fact]
    public async Task Without_a_server_tokens_are_managed_in_the_data_directory()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "merlin-cli-tokens-" + Guid.NewGuid().ToString("N"));
        try
        {
            var create = await CliProcess.RunAsync(["tokens", "create", "--name", "offline", "--data-dir", dataDir]);
            var list = await CliProcess.RunAsync(["tokens", "list", "--data-dir", dataDir, "-o", "json"]);
            var id = (string)JsonNode.Parse(list.Output)!.AsArray().Single()!["id"]!;
            var revoke = await CliProcess.RunAsync(["tokens", "revoke", id, "--data-dir", dataDir]);
            var after = await CliProcess.RunAsync(["tokens", "list", "--data-dir", dataDir, "-o", "json"]);

            Assert.True(create.ExitCode == 0, create.ToString());
            Assert.True(revoke.ExitCode == 0, revoke.ToString());
            Assert.Empty(JsonNode.Parse(after.Output)!.AsArray());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
