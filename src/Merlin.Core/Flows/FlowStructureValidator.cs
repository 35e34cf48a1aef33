using System.Text.RegularExpressions;
using Merlin.Core.Tasks;

namespace Merlin.Core.Flows;

/// <summary>
/// Kestra's save-time rules beyond identifiers: a flow must not call itself, input
/// validators must be regular expressions, durations must parse, and worker groups are an Enterprise feature.
/// </summary>
internal static class FlowStructureValidator
{
    public static void Validate(Flow flow, List<FlowViolation> violations)
    {
        foreach (var task in flow.AllTasks())
        {
            var path = $"flow.tasks[{task.Id}]";
            if (task is Subflow subflow && subflow.Namespace == flow.Namespace && subflow.FlowId == flow.Id)
            {
                violations.Add(new FlowViolation(path, $"Recursive call to flow [{flow.Namespace}.{flow.Id}]", task.Position));
            }

            if (task.WorkerGroup is not null)
            {
                violations.Add(new FlowViolation(path + ".workerGroup", "Worker Group is an Enterprise Edition functionality", task.Position));
            }

            Durations(violations, path, task.Position, ("timeout", task.Timeout));
            Retry(violations, path, task.Position, task.Retry);
        }

        Retry(violations, "flow", null, flow.Retry);
        foreach (var trigger in flow.Triggers.Where(t => t.WorkerGroup is not null))
        {
            violations.Add(new FlowViolation($"flow.triggers[{trigger.Id}].workerGroup", "Worker Group is an Enterprise Edition functionality", trigger.Position));
        }

        foreach (var input in flow.Inputs.Where(i => i.Validator is not null))
        {
            try
            {
                _ = new Regex(input.Validator!, RegexOptions.None, TimeSpan.FromSeconds(1)); // a syntax check only
            }
            catch (ArgumentException e)
            {
                violations.Add(new FlowViolation($"flow.inputs[{input.Id}].validator", $"Invalid regex \"{input.Validator}\": {e.Message}"));
            }
        }
    }

    private static void Retry(List<FlowViolation> violations, string path, SourcePosition? position, RetryPolicy? retry)
    {
        if (retry is not null)
        {
            Durations(violations, path + ".retry", position, ("interval", retry.Interval), ("maxDuration", retry.MaxDuration),
                ("maxInterval", retry.MaxInterval), ("minInterval", retry.MinInterval));
        }
    }

    /// <summary>Adds a violation for every property whose value is neither absent, a template nor an ISO-8601 duration.</summary>
    private static void Durations(List<FlowViolation> violations, string path, SourcePosition? position, params (string Property, string? Value)[] properties) =>
        violations.AddRange(IsoDuration.Check(properties).Select(m => new FlowViolation(path, m, position)));
}
