using System.Net;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// The one server of the kestra-tests corpus: the real <c>merlin</c> process, started with the environment of Kestra's
/// unit tests (<c>SECRET_*</c>, <c>KESTRA_*</c>), fresh data directory. Its start runs parts 1 and 2 of the README (invalid
/// flows, then the parse list) in order and records each outcome; the cases then run one at a time.
/// </summary>
public sealed class KestraTestsServer : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-kestra-tests-" + Guid.NewGuid().ToString("N"));
    private ServerProcess? _process;

    public HttpClient Client => _process?.Client ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Invalid file → why it was not refused (absent when refused with a 4xx).</summary>
    public Dictionary<string, string> InvalidFailures { get; } = [];

    /// <summary>Parse file → why it was not accepted (absent when accepted).</summary>
    public Dictionary<string, string> ParseFailures { get; } = [];

    /// <summary>
    /// Executions a <c>find</c> step of an earlier case returned: a case that starts within 2 s of the previous one's
    /// executions (a fast server) must not count them as its own.
    /// </summary>
    public HashSet<string> FoundExecutions { get; } = [];

    public async Task InitializeAsync()
    {
        _process = new ServerProcess(_dataDir);
        foreach (var (name, value) in KestraTestsCorpus.Environment)
        {
            _process.Environment[name] = (string)value!;
        }

        await _process.StartAsync();
        await RefuseInvalidsAsync();
        await ParseAllAsync();
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>POST /api/v1/flows with the file's bytes as YAML.</summary>
    public async Task<HttpResponseMessage> PostFlowAsync(string path)
    {
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-yaml");
        return await Client.PostAsync("api/v1/flows", content);
    }

    private async Task RefuseInvalidsAsync()
    {
        foreach (var entry in KestraTestsCorpus.RefusedList)
        {
            var file = (string)entry!["file"]!;
            using var response = await PostFlowAsync(KestraTestsCorpus.InvalidPath(file));
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500)
            {
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            InvalidFailures[file] = $"answered {status}: {Shorten(body)}";
            if (response.IsSuccessStatusCode && JsonNode.Parse(body) is { } flow)
            {
                await Client.DeleteAsync($"api/v1/flows/{flow["namespace"]}/{flow["id"]}");
            }
        }
    }

    private async Task ParseAllAsync()
    {
        var retry = new List<string>();
        foreach (var entry in KestraTestsCorpus.ParseList)
        {
            var file = (string)entry!["file"]!;
            if (file == "tests/trigger.yaml")
            {
                // trigger-empty.yaml and trigger.yaml share namespace and id: the README deletes the first before the second.
                await Client.DeleteAsync("api/v1/flows/io.kestra.tests/datetime");
            }

            if (!await TryParseAsync(file))
            {
                retry.Add(file);
            }
        }

        // A flow refused because a flow it refers to did not exist yet is posted again once the others are in.
        foreach (var file in retry)
        {
            if (await TryParseAsync(file))
            {
                ParseFailures.Remove(file);
            }
        }

        foreach (var entry in KestraTestsCorpus.ParseList.Where(e => (bool?)e!["deleteAfterParse"] == true))
        {
            await Client.DeleteAsync($"api/v1/flows/{entry!["namespace"]}/{entry["flowId"]}");
        }
    }

    private async Task<bool> TryParseAsync(string file)
    {
        using var response = await PostFlowAsync(KestraTestsCorpus.FlowPath(file));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }

        ParseFailures[file] = $"answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}";
        return false;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
