using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Merlin.Plugins.Scripts.Runner;

/// <summary>
/// Runs one process (Kestra's <c>io.kestra.plugin.core.runner.Process</c>): arguments passed one by one (no shell
/// parsing), stdin closed, stdout and stderr read concurrently line by line and handed over as they come. A kill, a
/// timeout (both through the token) or an output past <see cref="ScriptOptions"/> ends the whole process tree.
/// </summary>
public sealed class ProcessRunner(ScriptOptions options)
{
    /// <summary>After the process exited, how long its output may still be read: a child it left in the background keeps the pipes open.</summary>
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(2);

    /// <summary>Runs the process to its end and answers its exit code; <paramref name="onLine"/> gets each line and whether it came from stderr.</summary>
    public async Task<int> RunAsync(ProcessSpec spec, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onLine);
        using var process = new Process { StartInfo = StartInfo(spec) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run '{spec.Arguments[0]}': {e.Message}", e);
        }

        process.StandardInput.Close();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = new OutputBudget(options);
        Exception? failure = null;
        async Task Pump(StreamReader reader, bool isStdErr)
        {
            try
            {
                await new LineReader(reader, budget, options.MaxLineLength).ReadAsync(line => onLine(line, isStdErr), stop.Token);
            }
            catch (ScriptOutputLimitException e)
            {
                failure = e;
                await stop.CancelAsync();
            }
        }

        var pumps = Task.WhenAll(Pump(process.StandardOutput, false), Pump(process.StandardError, true));
        try
        {
            await process.WaitForExitAsync(stop.Token);
            await pumps.WaitAsync(DrainAfterExit, stop.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw failure ?? new OperationCanceledException(stop.Token);
        }
        catch (TimeoutException)
        {
            // The process ended but something it started in the background still holds its output: stop reading.
            await stop.CancelAsync();
        }

        return process.ExitCode;
    }

    private static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        if (spec.Arguments.Count == 0)
        {
            throw new ArgumentException("A process needs at least a program to run", nameof(spec));
        }

        var info = new ProcessStartInfo(spec.Arguments[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = spec.WorkingDirectory,
        };
        foreach (var argument in spec.Arguments.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // The server's own settings and secrets stay out of scripts: a secret reaches a script only through secret(),
        // which masks it in the logs.
        foreach (var name in info.Environment.Keys.Where(IsServerOnly).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Variables of the server a script does not inherit: its settings (<c>Merlin__*</c>) and Kestra-style secrets (<c>SECRET_*</c>).</summary>
    public static bool IsServerOnly(string name) =>
        name.StartsWith("Merlin__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Merlin:", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("SECRET_", StringComparison.Ordinal);

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}
