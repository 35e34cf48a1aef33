using System.Diagnostics;

namespace Merlin.Testing;

/// <summary>Runs the built <c>merlin</c> executable as a process, as a CI job would, and captures what it printed.</summary>
public static class CliProcess
{
    /// <summary>What one run printed and its exit code.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Runs <c>merlin args...</c> in <paramref name="workingDirectory"/> with extra environment variables; 2 minutes at most.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "merlin"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The runner's own settings must not leak into the tool under test.
        start.Environment.Remove("MERLIN_SERVER");
        start.Environment.Remove("MERLIN_TOKEN");
        start.Environment.Remove("MERLIN_USER");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"merlin {string.Join(' ', start.ArgumentList)} did not end within 2 minutes");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
