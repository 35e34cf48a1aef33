namespace Merlin.Runtime.Worker;

/// <summary>
/// The part of a task attempt that runs synchronously on the executor loop that started it: until its first real
/// await, or its end. Log lines are held back meanwhile, so an attempt moved off the loop leaves no trace.
/// </summary>
internal sealed class InlinePhase
{
    private readonly Lock _gate = new();
    private TaskRunContext? _context;
    private bool _abandoned;

    /// <summary>True while the attempt still runs on the executor loop's call stack.</summary>
    public bool Active { get; private set; } = true;

    public void Attach(TaskRunContext context) => _context = context;

    /// <summary>The attempt is dropped; its held log lines are never written.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
        }
    }

    /// <summary>The executor loop got its thread back: the attempt ended or continues elsewhere; write what it logged.</summary>
    public void End()
    {
        lock (_gate)
        {
            Active = false;
            if (!_abandoned)
            {
                _context?.FlushLogs();
            }
        }
    }
}
