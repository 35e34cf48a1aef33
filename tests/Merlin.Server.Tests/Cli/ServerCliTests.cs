using System.Net;
using System.Net.Sockets;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cli;

/// <summary><c>merlin server local</c> start-up failures: one clear line, a non-zero exit code.</summary>
public sealed class ServerCliTests
{
    [Fact]
    public async Task A_taken_port_is_one_clear_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dataDir = Path.Combine(Path.GetTempPath(), "merlin-cli-port-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CliProcess.RunAsync(["server", "local", "--host", "127.0.0.1", "--port", port, "--data-dir", dataDir]);

            Assert.Equal(1, result.ExitCode);
            var lines = (result.Output + result.Error).Trim().Split('\n');
            Assert.True(lines.Length == 1, result.ToString());
            Assert.StartsWith("merlin: cannot start: ", lines[0]);
            Assert.Contains("address already in use", lines[0]);
            Assert.Contains("--port", lines[0]);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_data_dir_that_is_a_file_is_one_clear_line_and_exit_1()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await CliProcess.RunAsync(["server", "local", "--port", "0", "--data-dir", file]);

            Assert.Equal(1, result.ExitCode);
            var lines = (result.Output + result.Error).Trim().Split('\n');
            Assert.True(lines.Length == 1, result.ToString());
            Assert.StartsWith("merlin: cannot start: ", lines[0]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
