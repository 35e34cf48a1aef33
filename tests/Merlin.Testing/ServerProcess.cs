using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Merlin.Testing;

/// <summary>The real <c>merlin</c> executable as a child process, for crash and restart tests.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    private Process? _process;

    public ServerProcess(string dataDir)
    {
        DataDir = dataDir;
        Port = FreePort();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDir { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Extra environment variables of the server process (secrets, <c>KESTRA_*</c>); set before <see cref="StartAsync"/>.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "merlin"))
        {
            ArgumentList = { "server", "local", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", DataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Merlin__Host"] = "127.0.0.1";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await Client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(_process.HasExited, "the server exited during start-up");
            await Task.Delay(50);
        }

        throw new TimeoutException("the server did not become healthy");
    }

    /// <summary>Every line the server wrote so far, stdout and stderr, in arrival order.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Waits (polling, with a deadline) for a line the server writes asynchronously, such as a log line.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the server wrote no line {what}; it wrote:\n" + string.Join('\n', _lines));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush.</summary>
    public void KillHard()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            KillHard();
        }

        _process?.Dispose();
        Client.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
