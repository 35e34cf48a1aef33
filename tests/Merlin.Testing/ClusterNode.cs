using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Merlin.Testing;

/// <summary>
/// One <c>merlin server &lt;command&gt;</c> child process of a test cluster (<see cref="ClusterProcesses"/>), run from the
/// built server with its own data directory and a free port; everything it prints is kept for assertion messages.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> lines = new();
    private readonly ProcessStartInfo start;
    private Process? process;

    internal ClusterNode(string command, IReadOnlyDictionary<string, string> environment)
    {
        Command = command;
        Port = FreePort();
        DataDir = Path.Combine(Path.GetTempPath(), $"merlin-cluster-{command}-{Guid.NewGuid():N}");
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(30) };
        start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "merlin"))
        {
            ArgumentList = { "server", command, "--host", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--data-dir", DataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
    }

    /// <summary>The <c>server</c> sub-command: standalone, webserver, executor, worker or scheduler.</summary>
    public string Command { get; }

    /// <summary>Its HTTP port (only a web server listens on it).</summary>
    public int Port { get; }

    public string DataDir { get; }

    /// <summary>The web server's API (standalone and webserver).</summary>
    public HttpClient Client { get; }

    /// <summary>Its registration id, from its start-up line.</summary>
    public string InstanceId { get; private set; } = "";

    /// <summary>Every line it wrote so far, stdout and stderr, in arrival order.</summary>
    public IReadOnlyList<string> Lines => lines.ToArray();

    public bool HasExited => process?.HasExited ?? false;

    /// <summary>Starts it and waits (with a deadline) for its start-up line, and for a web server, for <c>/health</c>.</summary>
    public async Task StartAsync()
    {
        process = Process.Start(start) ?? throw new InvalidOperationException("merlin did not start");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var banner = await WaitForLineAsync(l => l.Contains("ready in", StringComparison.Ordinal), "saying it is ready", StartDeadline);
        InstanceId = InstancePattern().Match(banner) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("the start-up line names no instance: " + banner);
        if (Command is "webserver" or "standalone")
        {
            await Poll.UntilAsync(HealthyAsync, () => $"{this} answers /health:\n{Output}", StartDeadline);
        }
    }

    /// <summary>Waits (polling, with a deadline) for a line it writes, such as a log line.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan? within = null)
    {
        string? found = null;
        await Poll.UntilAsync(
            () =>
            {
                found = lines.FirstOrDefault(match);
                if (found is null && HasExited)
                {
                    throw new InvalidOperationException($"{this} exited ({process!.ExitCode}) without writing a line {what}:\n{Output}");
                }

                return Task.FromResult(found is not null);
            },
            () => $"{this} writes a line {what}:\n{Output}",
            within ?? TimeSpan.FromSeconds(30));
        return found!;
    }

    /// <summary>SIGKILL of the whole process tree: no shutdown, no goodbye to the registry.</summary>
    public void KillHard()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; waits for the exit (with a deadline) and answers its code.</summary>
    public async Task<int> StopAsync()
    {
        var running = process ?? throw new InvalidOperationException("not started");
        using (var kill = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await running.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            throw new TimeoutException($"{this} did not stop within 30 s of SIGTERM:\n{Output}");
        }

        return running.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        process?.Dispose();
        Client.Dispose();
        await Task.Run(() =>
        {
            if (Directory.Exists(DataDir))
            {
                Directory.Delete(DataDir, recursive: true);
            }
        });
    }

    public override string ToString() => $"merlin server {Command} (port {Port}, instance {InstanceId})";

    /// <summary>What it printed, for assertion messages.</summary>
    public string Output => string.Join('\n', lines);

    private async Task<bool> HealthyAsync()
    {
        try
        {
            return (await Client.GetAsync("health")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"instance ([^\s;]+);")]
    private static partial Regex InstancePattern();
}
