using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Ui.Tests.Infrastructure;

/// <summary>A real Merlin server on a free loopback port with a temporary data directory, for the browser to open.</summary>
public sealed class UiServer : IAsyncLifetime
{
    private readonly Action<MerlinOptions>? _configure;
    private WebApplication? _app;

    public UiServer()
    {
    }

    /// <summary>A server with extra settings (security).</summary>
    public UiServer(Action<MerlinOptions> configure) => _configure = configure;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "merlin-ui-tests-" + Guid.NewGuid().ToString("N"));

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = MerlinApp.Build([], o =>
        {
            o.Port = 0;
            o.DataDir = DataDir;
            _configure?.Invoke(o);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("the server has no address");
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

    public async Task<JsonNode> CreateFlowAsync(string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-yaml");
        var response = await Client.PostAsync("api/v1/flows", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating the flow failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("empty flow body");
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("empty body");
    }
}
