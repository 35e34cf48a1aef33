using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Triggers;

/// <summary>A real server with a small webhook body limit (64 KiB), shared by the trigger tests.</summary>
public sealed class TriggerServer : IAsyncLifetime
{
    public const long BodyLimit = 64 * 1024;
    private WebApplication? _app;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "merlin-trigger-tests-" + Guid.NewGuid().ToString("N"));

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = MerlinApp.Build([$"--Merlin:Triggers:MaxWebhookBodySize={BodyLimit}"], o =>
        {
            o.Port = 0;
            o.DataDir = DataDir;
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task CreateFlowAsync(string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml");
        var response = await Client.PostAsync("api/v1/flows", content);
        Assert.True(response.IsSuccessStatusCode, $"creating the flow failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Waits (with a generous deadline) until the execution is terminated.</summary>
    public async Task<JsonNode> WaitEndAsync(string executionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var execution = await GetJsonAsync($"api/v1/executions/{executionId}");
            var state = (string?)execution["state"]!["current"];
            if (state is "SUCCESS" or "WARNING" or "FAILED" or "KILLED" or "CANCELLED" || DateTime.UtcNow > deadline)
            {
                return execution;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls the execution search until <paramref name="done"/> holds for the results, or a generous deadline passes.</summary>
    public async Task<JsonArray> SearchUntilAsync(string query, Func<JsonArray, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var results = (await GetJsonAsync("api/v1/executions/search?size=100&" + query))["results"]!.AsArray();
            if (done(results) || DateTime.UtcNow > deadline)
            {
                return results;
            }

            await Task.Delay(100);
        }
    }

    public async Task<string> LogsAsync(string executionId) =>
        (await GetJsonAsync($"api/v1/logs/{executionId}")).ToJsonString();

    public static MediaTypeHeaderValue Json => new("application/json");
}
