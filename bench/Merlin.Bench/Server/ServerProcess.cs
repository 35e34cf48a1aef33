using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Merlin.Bench.Server;

/// <summary>
/// The Merlin server under test, run from its Release build output as a child process with a fresh data
/// directory on a free port. Its resource use is read from <c>/proc</c>.
/// </summary>
public sealed class ServerProcess : IBenchTarget
{
    private readonly Process process;
    private readonly string dataDir;
    private readonly Queue<string> lastLines = new();

    private ServerProcess(Process process, string dataDir, Uri baseAddress)
    {
        this.process = process;
        this.dataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    public string DataDir => dataDir;

    /// <summary>Builds the server in Release (unless told not to) and returns the path of its binary.</summary>
    public static Task<string> BuildAsync(string repoRoot, bool build, CancellationToken cancellationToken) =>
        BuildAsync(Path.Combine(repoRoot, "src", "Merlin.Server"), "merlin", build, cancellationToken);

    /// <summary>Builds the floor server (<c>bench/Merlin.Bench.Floor</c>) in Release and returns its binary.</summary>
    public static Task<string> BuildFloorAsync(string repoRoot, bool build, CancellationToken cancellationToken) =>
        BuildAsync(Path.Combine(repoRoot, "bench", "Merlin.Bench.Floor"), "merlin-floor", build, cancellationToken);

    private static async Task<string> BuildAsync(string project, string binaryName, bool build, CancellationToken cancellationToken)
    {
        if (build)
        {
            var info = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var dotnet = Process.Start(info) ?? throw new InvalidOperationException("Cannot start 'dotnet build'.");
            var output = dotnet.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = dotnet.StandardError.ReadToEndAsync(cancellationToken);
            await dotnet.WaitForExitAsync(cancellationToken);
            if (dotnet.ExitCode != 0)
            {
                throw new InvalidOperationException($"Build of {project} failed:\n{await output}\n{await errors}");
            }
        }

        var binary = Path.Combine(project, "bin", "Release", "net10.0", binaryName);
        return File.Exists(binary) ? binary : throw new FileNotFoundException("Server binary not found; build it in Release first.", binary);
    }

    /// <summary>Starts <c>server local</c> on SQLite; returns once the process exists (not yet ready).</summary>
    public static ServerProcess Start(string binary, string synchronous) =>
        Start(binary, ["server", "local"], new Dictionary<string, string?> { ["Merlin__Synchronous"] = synchronous }, listens: true);

    /// <summary>
    /// Starts <paramref name="binary"/> with <paramref name="arguments"/>, a fresh <c>--data-dir</c> and, when it
    /// <paramref name="listens"/>, <c>--port</c> with a free port; returns once the process exists (not yet ready).
    /// </summary>
    public static ServerProcess Start(string binary, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, bool listens)
    {
        var port = listens ? FreePort() : 0;
        var dataDir = Path.Combine(Path.GetTempPath(), "merlin-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var info = new ProcessStartInfo(binary, [.. arguments, "--data-dir", dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (listens)
        {
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["DOTNET_gcServer"] = null; // the server's own defaults, not this process's
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {binary}.");
        var server = new ServerProcess(process, dataDir, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Fails when the process has ended (a component that died at start-up).</summary>
    public void EnsureRunning()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Server exited with code {process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>Polls <c>/health</c> until it answers 200; the caller times this for cold start.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            EnsureRunning();
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(2, cancellationToken);
        }

        throw new TimeoutException($"Server not healthy after {timeout}:\n{Output}");
    }

    /// <summary>The last lines the server wrote (for error reports).</summary>
    public string Output
    {
        get
        {
            lock (lastLines)
            {
                return string.Join('\n', lastLines);
            }
        }
    }

    public ProcessStats Stats() => ProcessStats.Read(process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 50)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
