namespace Merlin.Bench.Floor;

/// <summary>One execution row waiting for the writer; <see cref="Done"/> completes once it is committed.</summary>
internal sealed record FloorInsert(string Id, string Namespace, string FlowId, string Json)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
