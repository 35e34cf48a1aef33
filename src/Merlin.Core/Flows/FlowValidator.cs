using System.Text.RegularExpressions;
using Merlin.Core.Inputs;

namespace Merlin.Core.Flows;

/// <summary>Kestra's save-time rules: identifier patterns, unique ids, required lists, system labels.</summary>
public sealed partial class FlowValidator
{
    public IReadOnlyList<FlowViolation> Validate(Flow flow)
    {
        // The binder leaves a missing required property null although the model says otherwise.
        var missing = new[] { ("flow.id", (object?)flow.Id), ("flow.namespace", flow.Namespace), ("flow.tasks", flow.Tasks) }
            .Where(p => p.Item2 is null).Select(p => new FlowViolation(p.Item1, p.Item1 == "flow.tasks" ? "must not be empty" : "must not be null")).ToList();
        if (missing.Count > 0)
        {
            return missing;
        }

        var violations = new List<FlowViolation>();
        Check(violations, FlowId().IsMatch(flow.Id) && flow.Id.Length <= 100, "flow.id", $"must match \"^[a-zA-Z0-9][a-zA-Z0-9._-]*\" and be at most 100 characters, got \"{flow.Id}\"");
        Check(violations, Namespace().IsMatch(flow.Namespace) && flow.Namespace.Length <= 150, "flow.namespace", $"must match \"^[a-z0-9][a-z0-9._-]*\" without empty segments (\"a..b\", a final '.') and be at most 150 characters, got \"{flow.Namespace}\"");
        Check(violations, flow.Tasks.Count > 0, "flow.tasks", "must not be empty");
        for (var i = 0; i < flow.Listeners.Count; i++)
        {
            Check(violations, flow.Listeners[i].Tasks.Count > 0, $"flow.listeners[{i}].tasks", "must not be empty");
        }

        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in flow.AllTasks())
        {
            Check(violations, TaskId().IsMatch(task.Id), $"flow.tasks[{task.Id}].id", $"must match \"^[a-zA-Z0-9][a-zA-Z0-9_-]*\", got \"{task.Id}\"", task.Position);
            Check(violations, taskIds.Add(task.Id), $"flow.tasks[{task.Id}]", $"Duplicate task id with name [{task.Id}]", task.Position);
            if (task is IValidatableTask validatable)
            {
                violations.AddRange(validatable.Validate().Select(m => new FlowViolation($"flow.tasks[{task.Id}]", m, task.Position)));
            }
        }

        var triggerIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trigger in flow.Triggers)
        {
            Check(violations, TaskId().IsMatch(trigger.Id), $"flow.triggers[{trigger.Id}].id", $"must match \"^[a-zA-Z0-9][a-zA-Z0-9_-]*\", got \"{trigger.Id}\"", trigger.Position);
            Check(violations, triggerIds.Add(trigger.Id), $"flow.triggers[{trigger.Id}]", $"Duplicate trigger id with name [{trigger.Id}]", trigger.Position);
            if (trigger is IValidatableTask validatable)
            {
                violations.AddRange(validatable.Validate().Select(m => new FlowViolation($"flow.triggers[{trigger.Id}]", m, trigger.Position)));
            }
        }

        FlowStructureValidator.Validate(flow, violations);

        ValidateInputs(flow, violations);
        var outputIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in flow.Outputs)
        {
            Check(violations, InputId().IsMatch(output.Id), $"flow.outputs[{output.Id}].id", "must match \"^[a-zA-Z0-9][.a-zA-Z0-9_-]*\"");
            Check(violations, outputIds.Add(output.Id), $"flow.outputs[{output.Id}]", $"Duplicate output with name [{output.Id}]");
        }

        foreach (var label in flow.Labels.Where(SystemLabels.ForbiddenOnFlow))
        {
            violations.Add(new FlowViolation($"flow.labels[{label.Key}]", SystemLabels.RefusalPrefix + label.Key));
        }

        if (flow.Concurrency is { } c)
        {
            Check(violations, c.Limit >= 1, "flow.concurrency.limit", "must be greater than or equal to 1");
            Check(violations, c.Behavior is "QUEUE" or "CANCEL" or "FAIL", "flow.concurrency.behavior", "must be one of QUEUE, CANCEL, FAIL");
        }

        return violations;
    }

    private static void ValidateInputs(Flow flow, List<FlowViolation> violations)
    {
        var inputIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in flow.Inputs)
        {
            Check(violations, InputId().IsMatch(input.Id), $"flow.inputs[{input.Id}].id", $"must match \"^[a-zA-Z0-9][.a-zA-Z0-9_-]*\", got \"{input.Id}\"");
            Check(violations, inputIds.Add(input.Id), $"flow.inputs[{input.Id}]", $"Duplicate input with name [{input.Id}]");
            Check(violations, input.Type != InputType.ARRAY || (input.ItemType is { } t && t != InputType.ARRAY), $"flow.inputs[{input.Id}].itemType", "an ARRAY input needs an itemType that is not ARRAY");
            Check(violations, input.Type is not (InputType.ENUM) || input.Values is { Count: > 0 }, $"flow.inputs[{input.Id}].values", "must not be empty");
        }

        foreach (var input in flow.Inputs.Where(i => i.DependsOn is not null))
        {
            foreach (var dependency in input.DependsOn!.Inputs.Where(d => !inputIds.Contains(d)))
            {
                violations.Add(new FlowViolation($"flow.inputs[{input.Id}].dependsOn", $"depends on an unknown input '{dependency}'"));
            }
        }
    }

    private static void Check(List<FlowViolation> violations, bool ok, string path, string message, SourcePosition? position = null)
    {
        if (!ok)
        {
            violations.Add(new FlowViolation(path, message, position));
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex FlowId();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$")]
    private static partial Regex Namespace();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex TaskId();

    [GeneratedRegex("^[a-zA-Z0-9][.a-zA-Z0-9_-]*$")]
    private static partial Regex InputId();
}
