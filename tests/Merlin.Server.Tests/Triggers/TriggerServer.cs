using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Triggers;

/// <summary>A real server with a small webhook body limit (64 KiB), shared by the trigger tests.</summary>
public sealed class TriggerServer : IAsyncLifetime
{
    public const long BodyLimit = 64 * 1024;
    private readonly MerlinServer _server = MerlinServer.WithArgs($"--Merlin:Triggers:MaxWebhookBodySize={BodyLimit}");

    public HttpClient Client => _server.Client;

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    public Task CreateFlowAsync(string yaml) => _server.CreateFlowAsync(yaml);

    public Task<JsonNode> GetJsonAsync(string path) => _server.GetJsonAsync(path);

    public Task<JsonNode> WaitEndAsync(string executionId) => _server.WaitEndAsync(executionId);

    public Task<JsonArray> SearchUntilAsync(string query, Func<JsonArray, bool> done, int seconds = 30) => _server.SearchUntilAsync(query, done, seconds);

    public Task<string> LogsAsync(string executionId) => _server.LogsAsync(executionId);

    public static MediaTypeHeaderValue Json => new("application/json");
}
