using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Merlin.Runtime.Tests.Scheduler;

public sealed class ScheduleEvaluatorTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2024-01-01T10:00:30Z");
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryTriggerStates _states = new();
    private readonly FakeLauncher _launcher;

    public ScheduleEvaluatorTests() => _launcher = new FakeLauncher(_clock);

    [Fact]
    public async Task Fires_once_when_the_date_comes_with_trigger_variables()
    {
        var evaluator = Evaluator();
        await evaluator.LoadAsync([TestFlows.Scheduled("* * * * *", "    timezone: UTC")], startup: true, default);

        Assert.Equal(DateTimeOffset.Parse("2024-01-01T10:01:00Z"), await evaluator.EvaluateAsync(default));
        Assert.Empty(_launcher.Requests);

        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:01:00Z"));
        await evaluator.EvaluateAsync(default);

        var request = Assert.Single(_launcher.Requests);
        Assert.Equal("2024-01-01T10:01:00Z", request.Trigger!.Variables["date"]);
        Assert.Equal("2024-01-01T10:02:00Z", request.Trigger.Variables["next"]);
        Assert.Equal("2024-01-01T10:00:00Z", request.Trigger.Variables["previous"]);
        Assert.Same(request.Trigger.Variables, request.Variables!["schedule"]);
        Assert.False(request.CorrelationId);
        var state = await _states.GetAsync("tests", "scheduled", "schedule", default);
        Assert.Equal(request.Id, state!.ExecutionId);
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T10:02:00Z"), state.NextExecutionDate);
    }

    [Fact]
    public async Task Does_not_fire_while_the_previous_execution_runs()
    {
        var evaluator = Evaluator();
        await evaluator.LoadAsync([TestFlows.Scheduled("* * * * *", "    timezone: UTC")], startup: true, default);
        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:01:00Z"));
        await evaluator.EvaluateAsync(default);

        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:02:10Z"));
        Assert.Null(await evaluator.EvaluateAsync(default)); // blocked: nothing to wake for until the execution ends
        Assert.Single(_launcher.Requests);

        Assert.True(evaluator.OnExecutionEnded(_launcher.End(_launcher.Requests[0].Id!)));
        await evaluator.EvaluateAsync(default);

        Assert.Equal(["2024-01-01T10:01:00Z", "2024-01-01T10:02:00Z"], _launcher.Dates);
    }

    [Fact]
    public async Task A_restart_does_not_fire_the_same_date_twice()
    {
        var flow = TestFlows.Scheduled("* * * * *", "    timezone: UTC");
        var first = Evaluator();
        await first.LoadAsync([flow], startup: true, default);
        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:01:00Z"));
        await first.EvaluateAsync(default);

        var second = Evaluator();
        await second.LoadAsync([flow], startup: true, default);
        await second.EvaluateAsync(default);

        Assert.Single(_launcher.Requests);
    }

    [Fact]
    public async Task A_fire_saved_but_not_created_is_created_under_the_same_id_after_a_restart()
    {
        var flow = TestFlows.Scheduled("* * * * *", "    timezone: UTC");
        await _states.SaveAsync(new Core.Storage.TriggerState
        {
            Namespace = "tests",
            FlowId = "scheduled",
            TriggerId = "schedule",
            FlowRevision = 1,
            Date = DateTimeOffset.Parse("2024-01-01T10:00:00Z"),
            NextExecutionDate = DateTimeOffset.Parse("2024-01-01T10:01:00Z"),
            ExecutionId = "pending-id",
        }, default);

        var evaluator = Evaluator();
        await evaluator.LoadAsync([flow], startup: true, default);
        await evaluator.EvaluateAsync(default);
        await evaluator.EvaluateAsync(default);

        var request = Assert.Single(_launcher.Requests);
        Assert.Equal("pending-id", request.Id);
        Assert.Equal("2024-01-01T10:00:00Z", request.Trigger!.Variables["date"]);
    }

    [Theory]
    [InlineData("ALL", new[] { "2024-01-01T07:00:00Z", "2024-01-01T08:00:00Z", "2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z" })]
    [InlineData("LAST", new[] { "2024-01-01T10:00:00Z" })]
    [InlineData("NONE", new string[0])]
    public async Task Missed_schedules_are_recovered_on_start_up(string mode, string[] expected)
    {
        var flow = TestFlows.Scheduled("0 * * * *", $"    timezone: UTC\n    recoverMissedSchedules: {mode}");
        await _states.SaveAsync(new Core.Storage.TriggerState
        {
            Namespace = "tests",
            FlowId = "scheduled",
            TriggerId = "schedule",
            FlowRevision = 1,
            NextExecutionDate = DateTimeOffset.Parse("2024-01-01T07:00:00Z"),
        }, default);

        var evaluator = Evaluator();
        await evaluator.LoadAsync([flow], startup: true, default);
        for (var i = 0; i < 6; i++)
        {
            await evaluator.EvaluateAsync(default);
            foreach (var request in _launcher.Requests.ToList())
            {
                if ((await _launcher.GetAsync(request.Id!, default))!.State.IsTerminated is false)
                {
                    evaluator.OnExecutionEnded(_launcher.End(request.Id!));
                }
            }
        }

        Assert.Equal(expected, _launcher.Dates);
        var state = await _states.GetAsync("tests", "scheduled", "schedule", default);
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T11:00:00Z"), state!.NextExecutionDate);
    }

    [Fact]
    public async Task Dates_later_than_late_maximum_delay_are_skipped()
    {
        var flow = TestFlows.Scheduled("0 * * * *", "    timezone: UTC\n    lateMaximumDelay: PT1H30M");
        await _states.SaveAsync(new Core.Storage.TriggerState
        {
            Namespace = "tests",
            FlowId = "scheduled",
            TriggerId = "schedule",
            FlowRevision = 1,
            NextExecutionDate = DateTimeOffset.Parse("2024-01-01T06:00:00Z"),
        }, default);

        var evaluator = Evaluator();
        await evaluator.LoadAsync([flow], startup: true, default);
        await evaluator.EvaluateAsync(default);

        Assert.Equal(["2024-01-01T09:00:00Z"], _launcher.Dates);
    }

    [Fact]
    public async Task Stop_after_disables_the_trigger_when_its_execution_ends_so()
    {
        var evaluator = Evaluator();
        await evaluator.LoadAsync([TestFlows.Scheduled("* * * * *", "    timezone: UTC\n    stopAfter: [FAILED]")], startup: true, default);
        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:01:00Z"));
        await evaluator.EvaluateAsync(default);

        evaluator.OnExecutionEnded(_launcher.End(_launcher.Requests[0].Id!, StateType.FAILED));
        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:05:00Z"));
        await evaluator.EvaluateAsync(default);

        Assert.Single(_launcher.Requests);
        Assert.True((await _states.GetAsync("tests", "scheduled", "schedule", default))!.Disabled);
    }

    [Fact]
    public async Task Disabled_triggers_and_refusing_conditions_do_not_fire()
    {
        var evaluator = Evaluator();
        await evaluator.LoadAsync([
            TestFlows.Scheduled("* * * * *", "    timezone: UTC\n    disabled: true", id: "off"),
            TestFlows.Scheduled("0 10 * * *", "    timezone: UTC\n    conditions:\n      - type: io.kestra.plugin.core.condition.Weekend", id: "weekend"),
        ], startup: true, default);

        // 2024-01-01 is a Monday; the 6th is a Saturday.
        _clock.Set(DateTimeOffset.Parse("2024-01-06T10:00:00Z"));
        await evaluator.EvaluateAsync(default);

        Assert.Equal(["2024-01-06T10:00:00Z"], _launcher.Dates);
        Assert.Equal("weekend", _launcher.Requests[0].FlowId);
    }

    [Fact]
    public async Task Inputs_and_labels_are_rendered()
    {
        var evaluator = Evaluator();
        await evaluator.LoadAsync([TestFlows.Scheduled("* * * * *", "    timezone: UTC\n    inputs:\n      day: \"{{ trigger.date | date('yyyy-MM-dd') }}\"\n    labels:\n      source: \"{{ flow.id }}\"")], startup: true, default);
        _clock.Set(DateTimeOffset.Parse("2024-01-01T10:01:00Z"));
        await evaluator.EvaluateAsync(default);

        var request = Assert.Single(_launcher.Requests);
        Assert.Equal(new Core.Inputs.InputValue.Text("2024-01-01"), request.Inputs["day"]);
        Assert.Equal(new Label("source", "scheduled"), Assert.Single(request.Labels));
    }

    private ScheduleEvaluator Evaluator()
    {
        var options = new TriggerOptions();
        var firer = new ScheduleFirer(_launcher, new ConditionEvaluator(new TemplateEngine()), new TemplateEngine(), NullLogger<ScheduleFirer>.Instance);
        return new ScheduleEvaluator(_states, _launcher, firer, new Merlin.Runtime.Messaging.InProcess.InProcessExecutionQueue(new Merlin.Runtime.Messaging.InProcess.InProcessLiveExecutions(), new Merlin.Runtime.Messaging.InProcess.InProcessExecutionChanges()), _clock, options, NullLogger<ScheduleEvaluator>.Instance);
    }
}
