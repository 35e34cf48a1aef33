namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>
/// What subscribers registered (listeners, or what they want), copy-on-write: reading <see cref="Current"/> takes one
/// array without a lock, as a multicast delegate would; each <see cref="Add"/> returns what removes it.
/// </summary>
internal class Registrations<TItem>
    where TItem : class
{
    private readonly Lock _gate = new();
    private TItem[] _items = [];

    /// <summary>Everything registered now (never modified: a change replaces the array).</summary>
    public TItem[] Current => Volatile.Read(ref _items);

    public IDisposable Add(TItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            _items = [.. _items, item];
        }

        return new Registration(this, item);
    }

    private void Remove(TItem item)
    {
        lock (_gate)
        {
            var at = Array.FindIndex(_items, i => ReferenceEquals(i, item)); // this registration, not an equal one
            if (at >= 0)
            {
                _items = [.. _items[..at], .. _items[(at + 1)..]];
            }
        }
    }

    private sealed class Registration(Registrations<TItem> owner, TItem item) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Remove(item);
            }
        }
    }
}
