using System.Collections.Immutable;
using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Tests.Support;

namespace Merlin.Runtime.Tests.Scheduler;

public sealed class ConditionEvaluatorTests
{
    private static readonly Flow Flow = TestFlows.Scheduled("* * * * *");
    private readonly ConditionEvaluator _evaluator = new(new TemplateEngine());

    [Theory]
    [InlineData("2024-01-06T10:00:00+01:00", true)] // Saturday
    [InlineData("2024-01-08T10:00:00+01:00", false)] // Monday
    public void Weekend_checks_the_trigger_date(string date, bool expected) =>
        Assert.Equal(expected, _evaluator.Test(new WeekendCondition(), AtDate(date)));

    [Fact]
    public void Day_week_and_day_week_in_month()
    {
        var firstMonday = AtDate("2024-01-01T09:00:00Z");
        var lastMonday = AtDate("2024-01-29T09:00:00Z");

        Assert.True(_evaluator.Test(new DayWeekCondition { DayOfWeek = DayOfWeek.Monday }, firstMonday));
        Assert.False(_evaluator.Test(new DayWeekCondition { DayOfWeek = DayOfWeek.Tuesday }, firstMonday));
        Assert.True(_evaluator.Test(new DayWeekInMonthCondition { DayOfWeek = DayOfWeek.Monday, DayInMonth = DayInMonth.FIRST }, firstMonday));
        Assert.False(_evaluator.Test(new DayWeekInMonthCondition { DayOfWeek = DayOfWeek.Monday, DayInMonth = DayInMonth.LAST }, firstMonday));
        Assert.True(_evaluator.Test(new DayWeekInMonthCondition { DayOfWeek = DayOfWeek.Monday, DayInMonth = DayInMonth.LAST }, lastMonday));
    }

    [Fact]
    public void Time_between_and_date_time_between()
    {
        var context = AtDate("2024-01-01T10:30:00+01:00");

        Assert.True(_evaluator.Test(new TimeBetweenCondition { After = "10:00:00", Before = "11:00:00" }, context));
        Assert.False(_evaluator.Test(new TimeBetweenCondition { After = "11:00:00" }, context));
        Assert.True(_evaluator.Test(new TimeBetweenCondition { After = "09:00:00Z", Before = "09:45:00Z" }, context));
        Assert.True(_evaluator.Test(new DateTimeBetweenCondition { After = "2023-12-31T00:00:00Z", Before = "2024-01-02T00:00:00Z" }, context));
        Assert.False(_evaluator.Test(new DateTimeBetweenCondition { Before = "2024-01-01T09:00:00Z" }, context));
    }

    [Fact]
    public void Expression_not_and_or()
    {
        var context = AtDate("2024-01-06T10:00:00Z");
        var yes = new ExpressionCondition { Expression = "{{ 1 == 1 }}" };
        var no = new ExpressionCondition { Expression = "{{ 1 == 2 }}" };

        Assert.True(_evaluator.Test(yes, context));
        Assert.False(_evaluator.Test(no, context));
        Assert.False(_evaluator.Test(new ExpressionCondition { Expression = "  " }, context));
        Assert.True(_evaluator.Test(new NotCondition { Conditions = [no] }, context));
        Assert.False(_evaluator.Test(new NotCondition { Conditions = [no, yes] }, context));
        Assert.True(_evaluator.Test(new OrCondition { Conditions = [no, new WeekendCondition()] }, context));
        Assert.False(_evaluator.Test(new OrCondition { Conditions = [no] }, context));
    }

    [Fact]
    public void Execution_conditions_look_at_the_upstream_execution()
    {
        var upstream = Upstream("company.team.etl", "load", StateType.FAILED, new Label("env", "prod"));
        var context = new ConditionContext(Flow, new Dictionary<string, object?>(), upstream);

        Assert.True(_evaluator.Test(new ExecutionStatusCondition { In = [StateType.FAILED, StateType.WARNING] }, context));
        Assert.False(_evaluator.Test(new ExecutionStatusCondition { NotIn = [StateType.FAILED] }, context));
        Assert.True(_evaluator.Test(new ExecutionFlowCondition { Namespace = "company.team.etl", FlowId = "load" }, context));
        Assert.False(_evaluator.Test(new ExecutionFlowCondition { Namespace = "company.team.etl", FlowId = "other" }, context));
        Assert.True(_evaluator.Test(new ExecutionNamespaceCondition { Namespace = "company.team", Prefix = true }, context));
        Assert.True(_evaluator.Test(new ExecutionNamespaceCondition { Namespace = ".etl", Comparison = NamespaceComparison.SUFFIX }, context));
        Assert.False(_evaluator.Test(new ExecutionNamespaceCondition { Namespace = "company.team" }, context));
        Assert.True(_evaluator.Test(new ExecutionLabelsCondition { Labels = [new Label("env", "prod")] }, context));
        Assert.False(_evaluator.Test(new ExecutionLabelsCondition { Labels = [new Label("env", "dev")] }, context));
        Assert.True(_evaluator.Test(new ExecutionOutputsCondition { Expression = "{{ outputs.rows > 10 }}" }, context));
        Assert.False(_evaluator.Test(new ExecutionStatusCondition { In = [StateType.FAILED] }, new ConditionContext(Flow, new Dictionary<string, object?>())));
    }

    private static ConditionContext AtDate(string date) =>
        new(Flow, new Dictionary<string, object?> { ["trigger"] = new Dictionary<string, object?> { ["date"] = date } });

    internal static Execution Upstream(string @namespace, string flowId, StateType state, params Label[] labels)
    {
        var now = DateTimeOffset.Parse("2024-01-01T00:00:00Z");
        return new Execution
        {
            Id = Ids.Create(),
            Namespace = @namespace,
            FlowId = flowId,
            FlowRevision = 1,
            State = State.Create(now).With(state, now),
            OriginalId = "x",
            Labels = [.. labels],
            Outputs = new Dictionary<string, object?> { ["rows"] = 42L },
            Metadata = new ExecutionMetadata(1, now),
        };
    }
}
