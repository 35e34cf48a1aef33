using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Merlin.Testing;

/// <summary>A real Merlin server on a free loopback port with a temporary data directory.</summary>
public sealed class MerlinServer : IAsyncLifetime
{
    private static readonly string[] Terminal = ["SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED"];
    private readonly Action<MerlinOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private readonly string[] _args = [];
    private WebApplication? _app;

    public MerlinServer()
    {
    }

    // xunit fixtures may have only one public constructor, hence the factories below.
    private MerlinServer(Action<MerlinOptions>? configure, string[] args, Action<IServiceCollection>? services = null)
    {
        _configure = configure;
        _args = args;
        _services = services;
    }

    /// <summary>A server with extra settings (security, limits); for fixtures that wrap this one.</summary>
    public static MerlinServer With(Action<MerlinOptions> configure) => new(configure, []);

    /// <summary>A server with extra configuration given as command-line style settings (<c>--Merlin:Section:Key=value</c>).</summary>
    public static MerlinServer WithArgs(params string[] args) => new(null, args);

    /// <summary>A server whose service registrations are changed last (fault injection, fakes).</summary>
    public static MerlinServer WithServices(Action<IServiceCollection> services) => new(null, [], services);

    /// <summary>The application's services (endpoints, repositories).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not started.");

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "merlin-tests-" + Guid.NewGuid().ToString("N"));

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = MerlinApp.Build(_args, o =>
        {
            o.Port = 0;
            o.DataDir = DataDir;
            _configure?.Invoke(o);
        }, _services);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
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

    public async Task<HttpResponseMessage> PostYamlAsync(string path, string yaml, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml"),
        };
        return await Client.SendAsync(request);
    }

    public async Task<JsonNode> CreateFlowAsync(string yaml)
    {
        var response = await PostYamlAsync("api/v1/flows", yaml);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating the flow failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Starts an execution with form inputs and waits for its end (wait=true).</summary>
    public Task<JsonNode> ExecuteAsync(string @namespace, string flowId, IDictionary<string, string>? inputs = null, string query = "wait=true") =>
        ExecuteAsync(@namespace, flowId, inputs, files: null, query);

    /// <summary>Starts an execution with form inputs and uploaded FILE inputs (input id → text, sent as <c>{id}.txt</c>), and waits for its end.</summary>
    public async Task<JsonNode> ExecuteAsync(string @namespace, string flowId, IDictionary<string, string>? inputs, IDictionary<string, string>? files, string query = "wait=true")
    {
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), key);
        }

        foreach (var (key, text) in files ?? new Dictionary<string, string>())
        {
            form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), key, key + ".txt");
        }

        var response = await Client.PostAsync($"api/v1/executions/{@namespace}/{flowId}?{query}", inputs is null && files is null ? null : form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"execution failed to start: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls the execution (generous deadline, no fixed sleeps) until it is terminated.</summary>
    public Task<JsonNode> WaitEndAsync(string id) => WaitUntilAsync(id, e => Terminal.Contains((string?)e["state"]!["current"]));

    /// <summary>Polls the execution until it reaches <paramref name="state"/>.</summary>
    public Task<JsonNode> WaitForStateAsync(string id, string state) => WaitUntilAsync(id, e => (string?)e["state"]!["current"] == state);

    /// <summary>Log messages of an execution, one per line, once at least one is stored.</summary>
    public async Task<string> LogsAsync(string executionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var logs = (await GetJsonAsync($"api/v1/logs/{executionId}")).AsArray();
            if (logs.Count > 0 || DateTime.UtcNow > deadline)
            {
                return string.Join("\n", logs.Select(l => (string?)l!["message"]));
            }

            await Task.Delay(20);
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

    private async Task<JsonNode> WaitUntilAsync(string id, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = await GetJsonAsync($"api/v1/executions/{id}");
            if (done(execution))
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"execution {id} is still {execution["state"]!["current"]}");
            await Task.Delay(10);
        }
    }

    public static MediaTypeHeaderValue Yaml => new("application/x-yaml");
}
