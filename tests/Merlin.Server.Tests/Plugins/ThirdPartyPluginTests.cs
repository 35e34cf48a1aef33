using System.Net;
using System.Text;
using System.Text.Json;
using Merlin.Testing;

namespace Merlin.Server.Tests.Plugins;

/// <summary>
/// A third-party plugin (<c>samples/Merlin.Samples.Greetings</c>, built against Merlin.Sdk only) loaded by a real
/// <c>merlin</c> process from <c>Merlin__Plugins__Path</c> and run through the API.
/// </summary>
public sealed class ThirdPartyPluginTests : IDisposable
{
    private const string Sample = "Merlin.Samples.Greetings";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "merlin-plugins-" + Guid.NewGuid().ToString("N"));

    public ThirdPartyPluginTests() => Directory.CreateDirectory(Path.Combine(_root, "plugins"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Sample_plugin_task_runs_through_the_api()
    {
        CopyDirectory(SampleOutput(), Path.Combine(_root, "plugins", "greetings"));
        using var server = new ServerProcess(Path.Combine(_root, "data"));
        server.Environment["Merlin__Plugins__Path"] = Path.Combine(_root, "plugins");
        await server.StartAsync();

        const string flow = "id: greet\nnamespace: test.plugins\ninputs:\n  - id: who\n    type: STRING\ntasks:\n"
            + "  - id: hello\n    type: com.example.greetings.Hello\n    name: \"{{ inputs.who }}\"\n";
        using var created = await server.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        using var form = new MultipartFormDataContent { { new StringContent("Merlin"), "who" } };
        using var executed = await server.Client.PostAsync("api/v1/executions/test.plugins/greet?wait=true", form);
        var body = await executed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, executed.StatusCode);
        using var execution = JsonDocument.Parse(body);
        Assert.Equal("SUCCESS", execution.RootElement.GetProperty("state").GetProperty("current").GetString());
        var run = Assert.Single(execution.RootElement.GetProperty("taskRunList").EnumerateArray());
        Assert.Equal("Hello, Merlin!", run.GetProperty("outputs").GetProperty("message").GetString());

        // Log lines are stored behind the execution's end: poll them with a deadline.
        var id = execution.RootElement.GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await server.Client.GetStringAsync($"api/v1/logs/{id}")).Contains("\"message\":\"Hello, Merlin!\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the task's log line was not stored");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Plugin_reusing_a_built_in_type_name_stops_the_server_at_start_up()
    {
        // Merlin's own core plugins, loaded again as a third-party plugin: every one of their names is taken.
        var copy = Path.Combine(_root, "plugins", "Merlin.Plugins.dll");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Merlin.Plugins.dll"), copy);

        var result = await CliProcess.RunAsync(["server", "local", "--port", "0", "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["Merlin__Plugins__Path"] = Path.Combine(_root, "plugins") });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("merlin: cannot start: The plugin type 'io.kestra.plugin.core.", result.Error, StringComparison.Ordinal);
        Assert.Contains("is already declared by Merlin.Plugins.", result.Error, StringComparison.Ordinal);
        Assert.Contains("(built in)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_plugins_directory_stops_the_server_at_start_up_naming_the_setting()
    {
        var result = await CliProcess.RunAsync(["server", "local", "--port", "0", "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["Merlin__Plugins__Path"] = Path.Combine(_root, "absent") });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist (setting Merlin:Plugins:Path)", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The sample's build output, built with the tests (same configuration) through their project reference.</summary>
    private static string SampleOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../bin/{Configuration}/{tfm}
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name; // bin/{Configuration}: the layout the build gives every project
        var repository = testOutput;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Merlin.slnx")))
        {
            repository = repository.Parent;
        }

        Assert.NotNull(repository);
        var output = Path.Combine(repository.FullName, "samples", Sample, "bin", configuration, framework);
        Assert.True(File.Exists(Path.Combine(output, Sample + ".dll")), $"the sample plugin is not built at {output}");
        Assert.False(File.Exists(Path.Combine(output, "Merlin.Sdk.dll")), "a plugin must not ship its own Merlin.Sdk");
        return output;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
