using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;

namespace Merlin.Core.Conditions;

/// <summary>
/// What a trigger condition is evaluated against: the flow owning the trigger, the template variables
/// (<c>trigger.date</c> for schedules, the upstream execution's for flow triggers) and, for flow triggers, the upstream execution.
/// <see cref="Environment"/> is the clock of <c>now()</c> in expressions (the process's unless the engine evaluates them).
/// </summary>
public sealed record ConditionContext(Flow Flow, IReadOnlyDictionary<string, object?> Variables, Execution? Execution = null,
    ITemplateEnvironment? Environment = null);
