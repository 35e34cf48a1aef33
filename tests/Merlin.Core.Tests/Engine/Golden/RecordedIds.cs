using Merlin.Core.Executions;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// The id source of one history: while recording, a sequence whose draws are noted step by step; while replaying, the
/// ids each step drew, given back in order (an engine asking for more, or fewer, than it drew has changed).
/// </summary>
internal sealed class RecordedIds : IIdSource
{
    private readonly SequentialIds? _sequence;
    private readonly Queue<Guid> _replay = new();
    private readonly List<Guid> _drawn = [];

    private RecordedIds(SequentialIds? sequence) => _sequence = sequence;

    public static RecordedIds Recording() => new(new SequentialIds());

    public static RecordedIds Replaying() => new(null);

    /// <summary>Starts a step: forgets the previous step's draws and, when replaying, queues this step's ids.</summary>
    public void Begin(IEnumerable<Guid> recorded)
    {
        _drawn.Clear();
        _replay.Clear();
        foreach (var id in recorded)
        {
            _replay.Enqueue(id);
        }
    }

    public IReadOnlyList<Guid> Drawn => _drawn;

    public int Unused => _replay.Count;

    public Guid NextGuid()
    {
        var id = _sequence?.NextGuid()
            ?? (_replay.TryDequeue(out var recorded) ? recorded : throw new InvalidOperationException("the engine drew more ids than the history recorded"));
        _drawn.Add(id);
        return id;
    }
}
