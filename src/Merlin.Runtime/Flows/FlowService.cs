using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Flows;

/// <summary>
/// Creates, revises and deletes flows with Kestra's revision rules, and hands out parsed revisions
/// (parsed once, cached by namespace/id/revision since a stored revision never changes).
/// </summary>
public sealed partial class FlowService
{
    private readonly IFlowRepository repository;
    private readonly FlowParser parser;
    private readonly IFlowChanges changes;
    private readonly TimeProvider clock;

    private readonly ConcurrentDictionary<(string Namespace, string Id, int Revision), Flow> _parsed = new();

    /// <summary>
    /// The latest revision of each flow seen (deleted ones too), so starting an execution needs no storage read.
    /// Every write goes through this service; the highest revision always wins, so a slow reader cannot put back an older one.
    /// </summary>
    private readonly ConcurrentDictionary<(string Namespace, string Id), Flow> _latest = new();

    public FlowService(IFlowRepository repository, FlowParser parser, IFlowChanges changes, TimeProvider clock)
    {
        this.repository = repository;
        this.parser = parser;
        this.changes = changes;
        this.clock = clock;

        // Another process may save a flow (several web servers on one database): its change keeps the latest here fresh.
        // The service lives as long as the process, so the subscription is never disposed.
        changes.Subscribe(RememberLatest);
    }

    public Flow Parse(string source) => parser.Parse(source);

    /// <summary>Creates a flow; 409 if a live flow with that namespace and id exists.</summary>
    public Task<Flow> CreateAsync(string source, CancellationToken cancellationToken) =>
        CreateAsync(parser.Parse(source), cancellationToken);

    /// <summary>Updates a live flow; a new revision only when the source text changed.</summary>
    public Task<Flow> UpdateAsync(string @namespace, string id, string source, CancellationToken cancellationToken) =>
        UpdateAsync(@namespace, id, parser.Parse(source), cancellationToken);

    /// <summary>Creates or updates an already parsed flow (bulk import semantics).</summary>
    public async Task<Flow> SaveAsync(Flow flow, CancellationToken cancellationToken)
    {
        var latest = await repository.GetLatestAsync(flow.Namespace, flow.Id, cancellationToken);
        return latest is null or { Deleted: true }
            ? await CreateAsync(flow, cancellationToken)
            : await UpdateAsync(flow.Namespace, flow.Id, flow, cancellationToken);
    }

    private async Task<Flow> CreateAsync(Flow flow, CancellationToken cancellationToken)
    {
        var latest = await repository.GetLatestAsync(flow.Namespace, flow.Id, cancellationToken);
        if (latest is { Deleted: false })
        {
            throw new ConflictException($"Flow id '{flow.Id}' already exists in namespace '{flow.Namespace}'");
        }

        return await AppendAsync(flow, (latest?.Revision ?? 0) + 1, cancellationToken);
    }

    private async Task<Flow> UpdateAsync(string @namespace, string id, Flow flow, CancellationToken cancellationToken)
    {
        if (flow.Namespace != @namespace || flow.Id != id)
        {
            throw new InvalidEntityException("Illegal flow id update", [("flow.id", $"the flow id and namespace cannot change (expected {@namespace}.{id})")]);
        }

        var latest = await repository.GetLatestAsync(@namespace, id, cancellationToken);
        if (latest is null or { Deleted: true })
        {
            throw new NotFoundException($"Flow '{@namespace}.{id}' not found");
        }

        if (StripRevision(latest.Source) == StripRevision(flow.Source))
        {
            return await GetAsync(@namespace, id, latest.Revision, cancellationToken);
        }

        return await AppendAsync(flow, latest.Revision + 1, cancellationToken);
    }

    /// <summary>Deletes a flow by writing a deleted revision.</summary>
    public async Task<Flow> DeleteAsync(string @namespace, string id, CancellationToken cancellationToken)
    {
        var latest = await repository.GetLatestAsync(@namespace, id, cancellationToken);
        if (latest is null or { Deleted: true })
        {
            throw new NotFoundException($"Flow '{@namespace}.{id}' not found");
        }

        var record = latest with { Revision = latest.Revision + 1, Deleted = true, Updated = clock.GetUtcNow() };
        if (!await repository.AppendAsync(record, cancellationToken))
        {
            throw new ConflictException($"Flow '{@namespace}.{id}' was modified concurrently, retry");
        }

        var flow = ToFlow(record);
        RememberLatest(flow);
        await changes.PublishAsync(flow, CancellationToken.None);
        return flow;
    }

    /// <summary>The live flow (latest non-deleted revision) or a given revision; 404 when absent.</summary>
    public async Task<Flow> GetAsync(string @namespace, string id, int? revision, CancellationToken cancellationToken) =>
        await FindAsync(@namespace, id, revision, cancellationToken)
        ?? throw new NotFoundException(revision is null
            ? $"Flow '{@namespace}.{id}' not found"
            : $"Flow '{@namespace}.{id}' revision {revision} not found");

    public async Task<Flow?> FindAsync(string @namespace, string id, int? revision, CancellationToken cancellationToken)
    {
        if (revision is { } r && _parsed.TryGetValue((@namespace, id, r), out var cached))
        {
            return cached;
        }

        if (revision is null && _latest.TryGetValue((@namespace, id), out var latest))
        {
            return latest.Deleted ? null : latest;
        }

        var record = revision is { } rev
            ? await repository.GetRevisionAsync(@namespace, id, rev, cancellationToken)
            : await repository.GetLatestAsync(@namespace, id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var flow = ToFlow(record);
        if (revision is null)
        {
            RememberLatest(flow);
        }

        return revision is null && record.Deleted ? null : flow;
    }

    public async Task<IReadOnlyList<Flow>> GetRevisionsAsync(string @namespace, string id, CancellationToken cancellationToken)
    {
        var records = await repository.GetRevisionsAsync(@namespace, id, cancellationToken);
        if (records.Count == 0)
        {
            throw new NotFoundException($"Flow '{@namespace}.{id}' not found");
        }

        return records.Select(ToFlow).ToList();
    }

    public async Task<IReadOnlyList<Flow>> ListAsync(string? @namespace, CancellationToken cancellationToken) =>
        (await repository.ListLiveAsync(@namespace, cancellationToken)).Select(ToFlow).ToList();

    /// <summary>Stores a parsed flow as the given revision; the parsed value is cached as is (no second parse).</summary>
    private async Task<Flow> AppendAsync(Flow parsed, int revision, CancellationToken cancellationToken)
    {
        var record = new FlowRecord(parsed.Namespace, parsed.Id, revision, parsed.Source, false, clock.GetUtcNow());
        if (!await repository.AppendAsync(record, cancellationToken))
        {
            throw new ConflictException($"Flow '{parsed.Namespace}.{parsed.Id}' was modified concurrently, retry");
        }

        var flow = _parsed.GetOrAdd((record.Namespace, record.Id, record.Revision), parsed with { Revision = revision, Updated = record.Updated });
        RememberLatest(flow);
        await changes.PublishAsync(flow, CancellationToken.None);
        return flow;
    }

    private void RememberLatest(Flow flow) =>
        _latest.AddOrUpdate((flow.Namespace, flow.Id), flow, (_, known) => known.Revision >= flow.Revision ? known : flow);

    private Flow ToFlow(FlowRecord record) => _parsed.GetOrAdd((record.Namespace, record.Id, record.Revision), _ =>
        parser.Parse(record.Source) with { Revision = record.Revision, Deleted = record.Deleted, Source = record.Source, Updated = record.Updated });

    private static string StripRevision(string source) => RevisionLine().Replace(source, "", 1);

    [GeneratedRegex(@"^revision:\s*\d+\s*$\n?", RegexOptions.Multiline)]
    private static partial Regex RevisionLine();
}
