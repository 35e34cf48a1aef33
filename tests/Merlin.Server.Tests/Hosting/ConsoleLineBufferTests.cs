using System.Text;
using Merlin.Server.Hosting;

namespace Merlin.Server.Tests.Hosting;

public sealed class ConsoleLineBufferTests
{
    [Fact]
    public async Task Lines_from_many_threads_are_written_whole_and_in_each_threads_order()
    {
        var output = new MemoryStream();
        using (var buffer = new ConsoleLineBuffer(output))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    buffer.Append(new StringBuilder($"thread {t} line {i}\n"), urgent: false);
                }
            })));
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        for (var t = 0; t < 4; t++)
        {
            var mine = lines.Where(l => l.StartsWith($"thread {t} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 500).Select(i => $"thread {t} line {i}"), mine);
        }
    }

    [Fact]
    public void An_error_line_is_written_before_append_returns()
    {
        var output = new MemoryStream();
        using var buffer = new ConsoleLineBuffer(output);

        buffer.Append(new StringBuilder("info first\n"), urgent: false);
        buffer.Append(new StringBuilder("fail: second\n"), urgent: true);

        Assert.Equal("info first\nfail: second\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_line_reaches_the_output_within_a_few_intervals_without_a_flush()
    {
        var output = new SharedStream();
        using var buffer = new ConsoleLineBuffer(output);

        buffer.Append(new StringBuilder("hello ü\n"), urgent: false);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (output.Text().Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal("hello ü\n", output.Text());
    }

    /// <summary>Written by the buffer's thread while the test reads it.</summary>
    private sealed class SharedStream : MemoryStream
    {
        private readonly Lock _gate = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, offset, count);
            }
        }

        public string Text()
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(ToArray());
            }
        }
    }
}
