using System.Runtime.CompilerServices;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// A flow's tasks indexed by id, each with the flowable that holds it and whether it sits in an errors branch.
/// Built once per parsed flow revision.
/// </summary>
public sealed class TaskTree
{
    private static readonly ConditionalWeakTable<Flow, TaskTree> Cache = [];
    private readonly Dictionary<string, (TaskDefinition Task, FlowableTask? Parent, bool InErrors)> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listenerTasks = new(StringComparer.Ordinal);

    private TaskTree(Flow flow)
    {
        Root = ChildLayout.Sequential(flow.Tasks, flow.Errors);
        Add(flow.Tasks, null, false);
        Add(flow.Errors, null, true);
        Add(flow.Finally, null, false);
        foreach (var task in flow.Listeners.SelectMany(l => l.Tasks))
        {
            _listenerTasks.Add(task.Id);
            Add([task], null, false);
        }
    }

    /// <summary>How the flow's own tasks run: one after another, then its errors branch (laid out once, not at every step).</summary>
    internal ChildLayout Root { get; }

    public static TaskTree Of(Flow flow) => Cache.GetValue(flow, f => new TaskTree(f));

    public TaskDefinition Task(string taskId) =>
        _byId.TryGetValue(taskId, out var entry) ? entry.Task : throw new InvalidOperationException($"Task '{taskId}' is not in the flow");

    public bool Contains(string taskId) => _byId.ContainsKey(taskId);

    /// <summary>A top-level task of a flow listener, which runs after the execution has ended.</summary>
    public bool IsListenerTask(string taskId) => _listenerTasks.Contains(taskId);

    /// <summary>The flowable task that holds the task, null at the top level.</summary>
    public FlowableTask? Parent(string taskId) => _byId.TryGetValue(taskId, out var entry) ? entry.Parent : null;

    public bool InErrors(string taskId) => _byId.TryGetValue(taskId, out var entry) && entry.InErrors;

    private void Add(IEnumerable<TaskDefinition> tasks, FlowableTask? parent, bool inErrors)
    {
        foreach (var task in tasks)
        {
            _byId[task.Id] = (task, parent, inErrors);
            if (task is FlowableTask flowable)
            {
                Add(flowable.AllChildren(), flowable, false);
                Add(flowable.Errors ?? [], flowable, true);
            }
        }
    }
}
