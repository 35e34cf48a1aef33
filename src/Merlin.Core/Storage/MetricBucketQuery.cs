namespace Merlin.Core.Storage;

/// <summary>One metric of a flow (of one task when <see cref="TaskId"/> is set) between two instants, grouped by <see cref="Period"/>.</summary>
public sealed record MetricBucketQuery(string Namespace, string FlowId, string? TaskId, string Name, DateTimeOffset Start, DateTimeOffset End, MetricPeriod Period);
