using System.Text;

namespace Merlin.Server.Hosting;

/// <summary>
/// Log text on its way to standard output: appended by any thread, written by one background thread in one call per
/// <see cref="Interval"/> at most. The thread is woken only by the first line after a write (an idle server wakes
/// nothing), then waits the interval for company, so under load one wake-up and one write serve many lines. An error
/// line is written at once, and so is a buffer that grows past <see cref="MaxPending"/> (by the appending thread:
/// a log flood slows its source instead of growing memory). <see cref="Flush"/> runs at shutdown and at process exit.
/// </summary>
internal sealed class ConsoleLineBuffer : IDisposable
{
    /// <summary>How long the first line of a batch may wait for others.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private const int MaxPending = 256 * 1024;

    private readonly Stream _output;
    private readonly Lock _appendLock = new();
    private readonly Lock _writeLock = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _thread;
    private StringBuilder _pending = new();
    private StringBuilder _writing = new();
    private byte[] _bytes = new byte[16 * 1024];
    private volatile bool _disposed;

    public ConsoleLineBuffer(Stream output)
    {
        _output = output;
        _thread = new Thread(Run) { IsBackground = true, Name = "Console log writer" };
        _thread.Start();
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Standard output, unbuffered: this class is the buffer.</summary>
    public static ConsoleLineBuffer ForStandardOutput() => new(Console.OpenStandardOutput());

    public void Append(StringBuilder text, bool urgent)
    {
        bool first, full;
        lock (_appendLock)
        {
            first = _pending.Length == 0;
            _pending.Append(text);
            full = _pending.Length >= MaxPending;
        }

        if (urgent || full)
        {
            Flush();
        }
        else if (first)
        {
            _wake.Set();
        }
    }

    /// <summary>Writes everything appended so far, on the calling thread.</summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            lock (_appendLock)
            {
                (_pending, _writing) = (_writing, _pending);
            }

            if (_writing.Length == 0)
            {
                return;
            }

            try
            {
                foreach (var chunk in _writing.GetChunks())
                {
                    var needed = Encoding.UTF8.GetMaxByteCount(chunk.Length);
                    if (_bytes.Length < needed)
                    {
                        _bytes = new byte[needed];
                    }

                    var count = Encoding.UTF8.GetBytes(chunk.Span, _bytes);
                    _output.Write(_bytes, 0, count);
                }

                _output.Flush();
            }
            catch (IOException)
            {
                // Standard output closed (the reader went away): logging must never take the server down.
            }
            finally
            {
                _writing.Clear();
                if (_writing.Capacity > MaxPending * 2)
                {
                    _writing = new StringBuilder();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(1));
        Flush();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Flush();

    private void Run()
    {
        while (!_disposed)
        {
            _wake.Wait();
            _wake.Reset();
            if (!_disposed)
            {
                Thread.Sleep(Interval); // let the lines of the next few milliseconds share this write
            }

            Flush();
        }
    }
}
