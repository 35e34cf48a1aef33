using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Triggers;
using Merlin.Plugins.Debug;
using Merlin.Plugins.Execution;
using Merlin.Plugins.Flow;
using Merlin.Plugins.Http;
using Merlin.Plugins.KeyValue;
using Merlin.Plugins.Log;
using Merlin.Plugins.Output;
using Merlin.Plugins.Storage;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

/// <summary>Flows using the core task, trigger and condition types parse and bind their properties strictly.</summary>
public sealed class PluginParseTests
{
    private readonly FlowParser _parser = new(PluginRegistry.Create(typeof(LogMessage).Assembly));

    private Flow Parse(string tasks, string triggers = "") => _parser.Parse($"""
        id: f
        namespace: company.team
        tasks:
        {tasks}
        {triggers}
        """);

    private T Task<T>(string yaml) => Assert.IsType<T>(Parse(yaml).Tasks[0]);

    [Fact]
    public void Log_binds_a_message_list_and_level()
    {
        var log = Task<LogMessage>("""
              - id: log
                type: io.kestra.core.tasks.log.Log
                message: [a, "{{ b }}"]
                level: debug
            """);

        Assert.Equal(["a", "{{ b }}"], Assert.IsAssignableFrom<IEnumerable<object?>>(log.Message));
        Assert.Equal(LogLevel.DEBUG, log.Level);
        Assert.Equal("io.kestra.core.tasks.log.Log", log.Type);
    }

    [Fact]
    public void Return_Fail_Sleep_and_OutputValues_bind()
    {
        var flow = Parse("""
              - id: r
                type: io.kestra.plugin.core.debug.Return
                format: "{{ 1 }}"
              - id: fail
                type: io.kestra.plugin.core.execution.Fail
                condition: "{{ x }}"
              - id: sleep
                type: io.kestra.plugin.core.flow.Sleep
                duration: PT1S
              - id: out
                type: io.kestra.plugin.core.output.OutputValues
                values:
                  a: 1
                  b: [x]
            """);

        Assert.Equal("{{ 1 }}", Assert.IsType<Return>(flow.Tasks[0]).Format);
        var fail = Assert.IsType<Fail>(flow.Tasks[1]);
        Assert.Equal("{{ x }}", fail.Condition);
        Assert.Equal("Task failure", fail.ErrorMessage);
        Assert.Equal("PT1S", Assert.IsType<Sleep>(flow.Tasks[2]).Duration);
        Assert.Equal(1L, Assert.IsType<OutputValues>(flow.Tasks[3]).Values!["a"]);
    }

    [Fact]
    public void Request_binds_options_and_defaults()
    {
        var request = Task<Request>("""
              - id: req
                type: io.kestra.plugin.fs.http.Request
                uri: https://example.com
                method: POST
                headers:
                  X-A: "1"
                formData:
                  a: b
                options:
                  readTimeout: PT30S
                  followRedirects: false
                  basicAuthUser: u
                  basicAuthPassword: p
                allowFailed: true
            """);

        Assert.Equal(HttpRequestMethod.POST, request.Method);
        Assert.Equal("1", request.Headers!["X-A"]);
        Assert.Equal("PT30S", request.Options!.ReadTimeout);
        Assert.False(request.Options.FollowRedirects);
        Assert.Equal(10 * 1024 * 1024, request.Options.MaxContentLength);
        Assert.True(request.AllowFailed);
    }

    [Fact]
    public void Download_defaults_to_failing_on_empty_response()
    {
        var download = Task<Download>("""
              - id: dl
                type: io.kestra.plugin.core.http.Download
                uri: https://example.com/f.csv
            """);

        Assert.True(download.FailOnEmptyResponse);
        Assert.Equal(HttpRequestMethod.GET, download.Method);
    }

    [Fact]
    public void Kv_tasks_bind_with_namespace_default()
    {
        var flow = Parse("""
              - id: set
                type: io.kestra.plugin.core.kv.Set
                key: k
                value: {a: 1}
                kvType: JSON
                ttl: PT1H
                overwrite: false
              - id: get
                type: io.kestra.plugin.core.kv.Get
                key: k
                errorOnMissing: true
              - id: keys
                type: io.kestra.plugin.core.kv.GetKeys
                prefix: a
              - id: del
                type: io.kestra.plugin.core.kv.Delete
                key: k
                namespace: other
            """);

        var set = Assert.IsType<KvSet>(flow.Tasks[0]);
        Assert.Equal(KvType.JSON, set.KvType);
        Assert.False(set.Overwrite);
        Assert.Equal("{{ flow.namespace }}", Assert.IsType<KvGet>(flow.Tasks[1]).Namespace);
        Assert.Equal("a", Assert.IsType<KvGetKeys>(flow.Tasks[2]).Prefix);
        Assert.Equal("other", Assert.IsType<KvDelete>(flow.Tasks[3]).Namespace);
    }

    [Fact]
    public void Storage_tasks_bind()
    {
        var flow = Parse("""
              - id: split
                type: io.kestra.core.tasks.storages.Split
                from: "{{ outputs.x.uri }}"
                rows: 10
              - id: concat
                type: io.kestra.plugin.core.storage.Concat
                files: ["a", "b"]
                separator: ","
              - id: filter
                type: io.kestra.plugin.core.storage.FilterItems
                from: x
                filterCondition: "{{ true }}"
                filterType: EXCLUDE
            """);

        Assert.Equal("10", Assert.IsType<StorageSplit>(flow.Tasks[0]).Rows);
        Assert.Equal(",", Assert.IsType<StorageConcat>(flow.Tasks[1]).Separator);
        Assert.Equal(FilterType.EXCLUDE, Assert.IsType<FilterItems>(flow.Tasks[2]).FilterType);
    }

    [Fact]
    public void Unknown_property_of_a_task_is_rejected()
    {
        var e = Assert.Throws<FlowValidationException>(() => Parse("""
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: hi
                colour: red
            """));

        Assert.Contains("colour", e.Message);
    }

    [Fact]
    public void Missing_required_property_is_rejected()
    {
        var e = Assert.Throws<FlowValidationException>(() => Parse("""
              - id: sleep
                type: io.kestra.plugin.core.flow.Sleep
            """));

        Assert.Contains("duration", e.Message);
    }

    [Fact]
    public void Schedule_trigger_binds_and_validates_its_cron()
    {
        var flow = Parse(LogTask, """
            triggers:
              - id: daily
                type: io.kestra.core.models.triggers.types.Schedule
                cron: "0 9 * * 1-5"
                timezone: Europe/Paris
                inputs: {a: 1}
                lateMaximumDelay: PT1H
                recoverMissedSchedules: NONE
                conditions:
                  - type: io.kestra.plugin.core.condition.Weekend
            """);

        var schedule = Assert.IsType<ScheduleTrigger>(flow.Triggers[0]);
        Assert.Equal("0 9 * * 1-5", schedule.Cron);
        Assert.Equal(RecoverMissedSchedules.NONE, schedule.RecoverMissedSchedules);
        Assert.IsType<WeekendCondition>(schedule.Conditions![0]);
        Assert.Empty(schedule.Validate());
        Assert.Empty(new ScheduleTrigger { Cron = "@daily" }.Validate());
        Assert.Empty(new ScheduleTrigger { Cron = "*/10 * * * * *", WithSeconds = true }.Validate());
        Assert.NotEmpty(new ScheduleTrigger { Cron = "not a cron" }.Validate());
        Assert.NotEmpty(new ScheduleTrigger { Cron = "* * * * *", Interval = "PT1M" }.Validate());
    }

    [Fact]
    public void Flow_trigger_binds_states_conditions_and_preconditions()
    {
        var flow = Parse(LogTask, """
            triggers:
              - id: upstream
                type: io.kestra.plugin.core.trigger.Flow
                states: [SUCCESS, WARNING]
                inputs:
                  x: "{{ trigger.outputs.y }}"
                conditions:
                  - type: io.kestra.core.models.conditions.types.ExecutionFlowCondition
                    namespace: company.team
                    flowId: parent
                  - type: io.kestra.plugin.core.condition.ExecutionStatusCondition
                    in: [FAILED]
                  - type: io.kestra.plugin.core.condition.Or
                    conditions:
                      - type: io.kestra.core.models.conditions.types.VariableCondition
                        expression: "{{ true }}"
                preconditions:
                  id: pre
                  flows:
                    - namespace: company.team
                      flowId: a
                      states: [SUCCESS]
                  where:
                    - id: w
                      filters:
                        - field: NAMESPACE
                          type: STARTS_WITH
                          value: company
                  timeWindow:
                    type: SLIDING_WINDOW
                    window: PT1H
            """);

        var trigger = Assert.IsType<FlowTrigger>(flow.Triggers[0]);
        Assert.Equal([StateType.SUCCESS, StateType.WARNING], trigger.EffectiveStates());
        Assert.Equal("parent", Assert.IsType<ExecutionFlowCondition>(trigger.Conditions![0]).FlowId);
        Assert.Equal([StateType.FAILED], Assert.IsType<ExecutionStatusCondition>(trigger.Conditions[1]).In!);
        Assert.IsType<ExpressionCondition>(Assert.IsType<OrCondition>(trigger.Conditions[2]).Conditions[0]);
        Assert.Equal(TimeWindowType.SLIDING_WINDOW, trigger.Preconditions!.TimeWindow.Type);
        Assert.Equal(ExecutionFilterType.STARTS_WITH, trigger.Preconditions.Where![0].Filters[0].Type);
        Assert.True(trigger.Preconditions.ResetOnSuccess);
        Assert.Contains(StateType.KILLED, new FlowTrigger().EffectiveStates());
    }

    [Fact]
    public void Webhook_polling_and_dates_triggers_bind()
    {
        var flow = Parse(LogTask, """
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: secret-key
                wait: true
                returnOutputs: true
              - id: poll
                type: io.kestra.plugin.fs.http.Trigger
                uri: https://example.com
                interval: PT30S
              - id: dates
                type: io.kestra.plugin.core.trigger.ScheduleOnDates
                dates: ["2025-01-01T00:00:00Z"]
            """);

        var webhook = Assert.IsType<WebhookTrigger>(flow.Triggers[0]);
        Assert.Equal("secret-key", webhook.Key);
        Assert.True(webhook.Wait);
        var poll = Assert.IsType<HttpTrigger>(flow.Triggers[1]);
        Assert.Equal("PT30S", poll.Interval);
        Assert.Equal("{{ response.statusCode < 400 }}", poll.ResponseCondition);
        Assert.IsType<ScheduleOnDatesTrigger>(flow.Triggers[2]);
    }

    [Fact]
    public void Webhook_without_key_and_unknown_trigger_property_are_rejected()
    {
        Assert.Throws<FlowValidationException>(() => Parse(LogTask, """
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
            """));
        var e = Assert.Throws<FlowValidationException>(() => Parse(LogTask, """
            triggers:
              - id: s
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "* * * * *"
                every: day
            """));
        Assert.Contains("every", e.Message);
    }

    [Fact]
    public void Schedule_conditions_bind()
    {
        var flow = Parse(LogTask, """
            triggers:
              - id: s
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "0 0 * * *"
                conditions:
                  - type: io.kestra.plugin.core.condition.DayWeekInMonth
                    dayOfWeek: MONDAY
                    dayInMonth: FIRST
                  - type: io.kestra.plugin.core.condition.ExecutionNamespace
                    namespace: company
                    prefix: true
                  - type: io.kestra.plugin.core.condition.ExecutionLabels
                    labels:
                      env: prod
                  - type: io.kestra.plugin.core.condition.Not
                    conditions:
                      - type: io.kestra.plugin.core.condition.PublicHoliday
                        country: FR
            """);

        var conditions = flow.Triggers[0].Conditions!;
        var day = Assert.IsType<DayWeekInMonthCondition>(conditions[0]);
        Assert.Equal(DayOfWeek.Monday, day.DayOfWeek);
        Assert.Equal("{{ trigger.date }}", day.Date);
        Assert.Equal(NamespaceComparison.PREFIX, Assert.IsType<ExecutionNamespaceCondition>(conditions[1]).EffectiveComparison);
        Assert.Equal([new Label("env", "prod")], Assert.IsType<ExecutionLabelsCondition>(conditions[2]).Labels);
        Assert.Equal("FR", Assert.IsType<PublicHolidayCondition>(Assert.IsType<NotCondition>(conditions[3]).Conditions[0]).Country);
    }

    [Fact]
    public async Task Unsupported_task_types_fail_with_a_clear_message()
    {
        var task = Task<FilterItems>("""
              - id: filter
                type: io.kestra.plugin.core.storage.FilterItems
                from: x
                filterCondition: y
            """);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => task.RunAsync(new FakeTaskRunContext(), CancellationToken.None));
        Assert.Equal("io.kestra.plugin.core.storage.FilterItems is not supported by Merlin yet", e.Message);
    }

    private const string LogTask = """
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hi
        """;
}
