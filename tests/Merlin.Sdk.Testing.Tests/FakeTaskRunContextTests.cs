using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Xunit;

namespace Merlin.Sdk.Testing.Tests;

/// <summary>The fake run context behaves as the server's does where a plugin's test depends on it.</summary>
public sealed class FakeTaskRunContextTests : IDisposable
{
    private readonly FakeTaskRunContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task A_task_written_against_the_sdk_runs_with_the_fake_and_its_logs_and_files_can_be_inspected()
    {
        _context.Renders["{{ inputs.who }}"] = "Merlin";

        var result = await new Greet { Name = "{{ inputs.who }}" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal([(LogLevel.INFO, "Hello, Merlin!")], _context.Logs.Lines);
        var uri = Assert.IsType<string>(result.Outputs["uri"]);
        Assert.StartsWith($"kestra:///company/team/flow/executions/{_context.Execution.Id}/tasks/task/{_context.TaskRun.Id}/", uri, StringComparison.Ordinal);
        Assert.Equal("Hello, Merlin!", _context.FileText(uri));
    }

    [Fact]
    public void Rendering_is_the_identity_except_listed_templates_and_the_flow_namespace()
    {
        _context.Renders["{{ 1 + 1 }}"] = 2L;

        Assert.Equal("plain {{ unknown }}", _context.Render("plain {{ unknown }}"));
        Assert.Equal(2L, _context.RenderTyped("{{ 1 + 1 }}"));
        Assert.Equal("company.team", _context.Render("{{ flow.namespace }}"));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = "2", ["b"] = new List<object?> { "company.team" } },
            _context.RenderValue(new Dictionary<string, object?> { ["a"] = "{{ 1 + 1 }}", ["b"] = new List<object?> { "{{ flow.namespace }}" } }));
    }

    [Fact]
    public async Task Files_answer_missing_uris_as_the_server_does()
    {
        var uri = _context.AddFile("in.txt", "a\nb");

        Assert.Equal(3, await _context.Files.SizeAsync(uri, CancellationToken.None));
        Assert.True(await _context.Files.DeleteAsync(uri, CancellationToken.None));
        Assert.False(await _context.Files.DeleteAsync(uri, CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _context.Files.OpenAsync(uri, CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _context.Files.SizeAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task Kv_hides_expired_entries()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var kv = new FakeTaskKv(clock);
        await kv.SetAsync(new KvEntry("ns", "short", 1L, clock.GetUtcNow().AddMinutes(1), clock.GetUtcNow()), CancellationToken.None);
        await kv.SetAsync(new KvEntry("ns", "kept", 2L, null, clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal(2, (await kv.ListAsync("ns", CancellationToken.None)).Count);
        clock.Now = clock.Now.AddMinutes(2);

        Assert.Null(await kv.GetAsync("ns", "short", CancellationToken.None));
        Assert.Equal(["kept"], (await kv.ListAsync("ns", CancellationToken.None)).Select(e => e.Key));
    }

    [Fact]
    public async Task Secrets_triggers_and_executions_record_and_refuse_as_the_server_does()
    {
        _context.Secrets.Values["TOKEN"] = "s3cr3t";
        _context.Triggers.Enabled[("company.team", "flow", "daily")] = true;

        Assert.Equal("s3cr3t", await _context.Secrets.GetAsync("token", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _context.Secrets.GetAsync("absent", CancellationToken.None));
        Assert.Equal("token=******;", _context.Secrets.Mask("token=s3cr3t;"));
        await _context.Triggers.SetEnabledAsync("company.team", "flow", "daily", false, CancellationToken.None);
        Assert.False(_context.Triggers.Enabled[("company.team", "flow", "daily")]);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _context.Triggers.SetEnabledAsync("company.team", "flow", "never", true, CancellationToken.None));
        Assert.Equal("Trigger 'never' not found on flow 'company.team.flow'", unknown.Message);
        await _context.Executions.ResumeAsync("paused", null, CancellationToken.None);
        Assert.Equal("paused", Assert.Single(_context.Executions.Resumed).ExecutionId);
    }

    [Fact]
    public async Task Logs_answer_stored_lines_of_an_execution_at_or_above_a_level()
    {
        _context.Logs.Stored.Add(Line("e1", LogLevel.DEBUG, "noise"));
        _context.Logs.Stored.Add(Line("e1", LogLevel.WARN, "kept"));
        _context.Logs.Stored.Add(Line("e2", LogLevel.ERROR, "other execution"));

        var lines = await _context.Logs.ListAsync("e1", LogLevel.INFO, CancellationToken.None);

        Assert.Equal(["kept"], lines.Select(l => l.Message));
    }

    private static LogEntry Line(string executionId, LogLevel level, string message) => new()
    {
        Namespace = "company.team",
        FlowId = "flow",
        ExecutionId = executionId,
        Timestamp = DateTimeOffset.UnixEpoch,
        Level = level,
        Message = message,
    };

    [Plugin("com.example.tests.Greet")]
    private sealed class Greet : RunnableTask
    {
        public string Name { get; init; } = "";

        public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
        {
            var message = $"Hello, {context.RenderRequired(Name, "name")}!";
            context.Logs.Info(message);
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message));
            return TaskResult.Of(("uri", await context.Files.PutAsync("greeting.txt", content, cancellationToken)));
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
