using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Conditions;

/// <summary>
/// What a trigger condition is evaluated against: the flow owning the trigger, the template variables
/// (<c>trigger.date</c> for schedules, the upstream execution's for flow triggers) and, for flow triggers, the upstream execution.
/// </summary>
public sealed record ConditionContext(Flow Flow, IReadOnlyDictionary<string, object?> Variables, Execution? Execution = null);
