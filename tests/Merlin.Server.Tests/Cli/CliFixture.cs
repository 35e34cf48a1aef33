using Merlin.Testing;

namespace Merlin.Server.Tests.Cli;

/// <summary>A real server for the CLI process to talk to, and a scratch directory for flow files.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    public MerlinServer Server { get; } = new();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "merlin-cli-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Writes <paramref name="files"/> (name → YAML) under a new folder and returns its path.</summary>
    public string Folder(params (string Name, string Yaml)[] files)
    {
        var folder = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        foreach (var (name, yaml) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), yaml);
        }

        return folder;
    }

    /// <summary>Runs the CLI against this server (through <c>MERLIN_SERVER</c>, as a CI job sets it).</summary>
    public Task<CliProcess.Result> RunAsync(params string[] args) =>
        CliProcess.RunAsync(args, new Dictionary<string, string> { ["MERLIN_SERVER"] = Server.BaseAddress.ToString() }, Directory);
}
