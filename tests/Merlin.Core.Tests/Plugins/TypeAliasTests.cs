using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Plugins.Log;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

/// <summary>Every type name and alias of the reference's section 1.10 (and the alias-less core types) resolves.</summary>
public sealed class TypeAliasTests
{
    private static readonly PluginRegistry Registry = PluginRegistry.Create(typeof(LogMessage).Assembly);

    private static readonly string[] FlowTaskNames =
        ["If", "Dag", "EachParallel", "EachSequential", "Sequential", "Parallel", "Switch", "Pause", "AllowFailure", "ForEachItem", "Template", "Subflow", "WorkingDirectory"];

    private static readonly string[] StorageNames = ["Size", "Delete", "Concat", "DeduplicateItems", "FilterItems", "Reverse", "Split", "LocalFiles"];

    private static readonly string[] ConditionNames =
        ["DateTimeBetween", "ExecutionNamespace", "DayWeek", "ExecutionFlow", "PublicHoliday", "TimeBetween", "ExecutionOutputs", "HasRetryAttempt", "Or", "ExecutionStatus", "ExecutionLabels", "DayWeekInMonth", "Weekend", "Not"];

    public static TheoryData<string, string> Tasks()
    {
        var data = new TheoryData<string, string>();
        void Add(string canonical, params string[] aliases)
        {
            data.Add(canonical, canonical);
            foreach (var alias in aliases)
            {
                data.Add(alias, canonical);
            }
        }

        Add("io.kestra.plugin.core.log.Log", "io.kestra.core.tasks.log.Log");
        Add("io.kestra.plugin.core.log.Fetch", "io.kestra.core.tasks.log.Fetch");
        Add("io.kestra.plugin.core.log.PurgeLogs");
        Add("io.kestra.plugin.core.debug.Return", "io.kestra.core.tasks.debugs.Return");
        Add("io.kestra.plugin.core.debug.Echo", "io.kestra.core.tasks.debugs.Echo");
        foreach (var name in FlowTaskNames.Except(["Subflow", "WorkingDirectory"]))
        {
            Add("io.kestra.plugin.core.flow." + name, "io.kestra.core.tasks.flows." + name);
        }

        Add("io.kestra.plugin.core.flow.Subflow", "io.kestra.core.tasks.flows.Subflow", "io.kestra.core.tasks.flows.Flow");
        Add("io.kestra.plugin.core.flow.WorkingDirectory", "io.kestra.core.tasks.flows.WorkingDirectory", "io.kestra.core.tasks.flows.Worker");
        Add("io.kestra.plugin.core.flow.ForEach");
        Add("io.kestra.plugin.core.flow.WaitFor");
        Add("io.kestra.plugin.core.flow.Sleep");
        Add("io.kestra.plugin.core.http.Request", "io.kestra.plugin.fs.http.Request");
        Add("io.kestra.plugin.core.http.Download", "io.kestra.plugin.fs.http.Download");
        Add("io.kestra.plugin.core.templating.TemplatedTask", "io.kestra.core.tasks.templating.TemplatedTask");
        Add("io.kestra.plugin.core.trigger.Toggle", "io.kestra.core.tasks.trigger.Toggle");
        foreach (var name in StorageNames)
        {
            Add("io.kestra.plugin.core.storage." + name, "io.kestra.core.tasks.storages." + name);
        }

        Add("io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles", "io.kestra.core.tasks.storages.PurgeExecution", "io.kestra.plugin.core.storage.PurgeExecution");
        foreach (var name in new[] { "Delete", "Get", "Set" })
        {
            Add("io.kestra.plugin.core.state." + name, "io.kestra.core.tasks.states." + name);
        }

        Add("io.kestra.plugin.core.execution.Count", "io.kestra.core.tasks.executions.Counts");
        Add("io.kestra.plugin.core.execution.Fail", "io.kestra.core.tasks.executions.Fail");
        Add("io.kestra.plugin.core.execution.Labels", "io.kestra.core.tasks.executions.Labels");
        Add("io.kestra.plugin.core.execution.PurgeExecutions", "io.kestra.core.tasks.storages.Purge", "io.kestra.plugin.core.storage.Purge");
        Add("io.kestra.plugin.core.execution.Resume");
        Add("io.kestra.plugin.core.output.OutputValues");
        foreach (var name in new[] { "Set", "Get", "Delete", "GetKeys" })
        {
            Add("io.kestra.plugin.core.kv." + name);
        }

        foreach (var name in new[] { "UploadFiles", "DownloadFiles", "DeleteFiles" })
        {
            Add("io.kestra.plugin.core.namespace." + name);
        }

        return data;
    }

    public static TheoryData<string, string> Triggers()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "Schedule", "Flow", "Webhook" })
        {
            data.Add("io.kestra.plugin.core.trigger." + name, "io.kestra.plugin.core.trigger." + name);
            data.Add("io.kestra.core.models.triggers.types." + name, "io.kestra.plugin.core.trigger." + name);
        }

        data.Add("io.kestra.plugin.core.trigger.ScheduleOnDates", "io.kestra.plugin.core.trigger.ScheduleOnDates");
        data.Add("io.kestra.plugin.core.http.Trigger", "io.kestra.plugin.core.http.Trigger");
        data.Add("io.kestra.plugin.fs.http.Trigger", "io.kestra.plugin.core.http.Trigger");
        return data;
    }

    public static TheoryData<string, string> Conditions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "FlowCondition", "FlowNamespaceCondition", "MultipleCondition" })
        {
            data.Add("io.kestra.plugin.core.condition." + name, "io.kestra.plugin.core.condition." + name);
            data.Add("io.kestra.core.models.conditions.types." + name, "io.kestra.plugin.core.condition." + name);
        }

        foreach (var name in ConditionNames)
        {
            var canonical = "io.kestra.plugin.core.condition." + name;
            data.Add(canonical, canonical);
            data.Add($"io.kestra.core.models.conditions.types.{name}Condition", canonical);
            data.Add($"io.kestra.plugin.core.condition.{name}Condition", canonical);
        }

        data.Add("io.kestra.plugin.core.condition.Expression", "io.kestra.plugin.core.condition.Expression");
        data.Add("io.kestra.core.models.conditions.types.VariableCondition", "io.kestra.plugin.core.condition.Expression");
        data.Add("io.kestra.plugin.core.condition.ExpressionCondition", "io.kestra.plugin.core.condition.Expression");
        return data;
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Task_type_name_resolves_to_its_canonical_class(string name, string canonical) =>
        AssertResolves(name, canonical, typeof(TaskDefinition));

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Trigger_type_name_resolves_to_its_canonical_class(string name, string canonical) =>
        AssertResolves(name, canonical, typeof(TriggerDefinition));

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Condition_type_name_resolves_to_its_canonical_class(string name, string canonical) =>
        AssertResolves(name, canonical, typeof(ConditionDefinition));

    [Fact]
    public void Lookup_ignores_case() =>
        Assert.NotNull(Registry.Find("IO.KESTRA.CORE.TASKS.LOG.LOG", typeof(TaskDefinition)));

    [Fact]
    public void Every_runnable_task_class_has_a_parameterless_constructor()
    {
        foreach (var type in Registry.Types.Where(t => typeof(RunnableTask).IsAssignableFrom(t)))
        {
            Assert.NotNull(Activator.CreateInstance(type));
        }
    }

    private static void AssertResolves(string name, string canonical, Type kind)
    {
        var type = Registry.Find(name, kind);
        Assert.True(type is not null, $"'{name}' does not resolve to a {kind.Name}");
        Assert.Equal(canonical, PluginRegistry.CanonicalName(type));
    }
}
