using System.Collections.Concurrent;
using Merlin.Plugins.Scripts.Runner;
using Merlin.Testing;

namespace Merlin.Plugins.Scripts.Tests.Runner;

public sealed class ProcessRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("merlin-runner-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ProcessSpec Shell(string script, Dictionary<string, string>? environment = null) =>
        new(["/bin/sh", "-c", script], _directory, environment ?? []);

    [Fact]
    public async Task Arguments_are_passed_one_by_one_and_lines_of_both_streams_arrive_with_their_origin()
    {
        var lines = new ConcurrentQueue<(string, bool)>();
        var spec = new ProcessSpec(["/bin/sh", "-c", "echo \"$1 $MY_VAR\"; echo oops >&2; printf 'no newline'", "sh", "a b; echo injected"], _directory,
            new Dictionary<string, string> { ["MY_VAR"] = "value" });

        var exitCode = await new ProcessRunner(new ScriptOptions()).RunAsync(spec, (line, isErr) => lines.Enqueue((line, isErr)), CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal([("a b; echo injected value", false), ("no newline", false)], lines.Where(l => !l.Item2));
        Assert.Equal([("oops", true)], lines.Where(l => l.Item2));
    }

    [Fact]
    public async Task Lines_are_handed_over_while_the_process_still_runs()
    {
        var firstLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = Path.Combine(_directory, "proceed");
        var run = new ProcessRunner(new ScriptOptions()).RunAsync(
            Shell($"echo first; while [ ! -e {proceed} ]; do sleep 0.01; done; echo second"),
            (line, _) => firstLine.TrySetResult(line),
            CancellationToken.None);

        Assert.Equal("first", await firstLine.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(run.IsCompleted);
        await File.WriteAllTextAsync(proceed, "");
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task The_servers_settings_and_secrets_are_not_inherited_but_the_rest_of_its_environment_is()
    {
        var names = new[] { "Merlin__Security__BasicAuth__Password", "SECRET_RUNNER_TEST", "RUNNER_TEST_PLAIN" };
        foreach (var name in names)
        {
            Environment.SetEnvironmentVariable(name, "value");
        }

        try
        {
            var lines = new List<string>();
            await new ProcessRunner(new ScriptOptions()).RunAsync(Shell("env"), (line, _) => lines.Add(line), CancellationToken.None);

            Assert.Contains("RUNNER_TEST_PLAIN=value", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("Merlin__", StringComparison.Ordinal) || l.StartsWith("SECRET_RUNNER_TEST", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public async Task The_exit_code_is_answered()
    {
        Assert.Equal(7, await new ProcessRunner(new ScriptOptions()).RunAsync(Shell("exit 7"), (_, _) => { }, CancellationToken.None));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_fails_naming_the_setting_and_ends_the_process()
    {
        var marker = "3100." + Random.Shared.Next(100_000, 999_999);
        var runner = new ProcessRunner(new ScriptOptions { MaxLineLength = 100 });

        var error = await Assert.ThrowsAsync<ScriptOutputLimitException>(() =>
            runner.RunAsync(Shell($"sleep {marker} & printf '%0200d\\n' 1; sleep {marker}"), (_, _) => { }, CancellationToken.None));

        Assert.Contains("Merlin:Scripts:MaxLineLength", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ProcessTable.GoneAsync(marker, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Output_past_the_total_limit_fails_naming_the_setting()
    {
        var runner = new ProcessRunner(new ScriptOptions { MaxOutputSize = 1000 });

        var error = await Assert.ThrowsAsync<ScriptOutputLimitException>(() =>
            runner.RunAsync(Shell("while true; do echo 0123456789; done"), (_, _) => { }, CancellationToken.None));

        Assert.Contains("Merlin:Scripts:MaxOutputSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_tree_before_answering()
    {
        var marker = "3200." + Random.Shared.Next(100_000, 999_999);
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new ProcessRunner(new ScriptOptions()).RunAsync(
            Shell($"sh -c 'sleep {marker}' & sleep {marker} & echo started; wait"),
            (line, _) => started.TrySetResult(),
            cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(ProcessTable.With(marker));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(await ProcessTable.GoneAsync(marker, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ProcessRunner(new ScriptOptions()).RunAsync(new ProcessSpec(["/no/such/program"], _directory, new Dictionary<string, string>()), (_, _) => { }, CancellationToken.None));

        Assert.Contains("/no/such/program", error.Message, StringComparison.Ordinal);
    }
}
