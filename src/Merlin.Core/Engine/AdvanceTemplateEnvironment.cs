using Merlin.Core.Executions;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>The clock and randomness of the engine's own renders: the advance's time, values drawn from its id source.</summary>
internal sealed class AdvanceTemplateEnvironment(DateTimeOffset now, IIdSource ids) : ITemplateEnvironment
{
    public DateTimeOffset Now { get; } = now;

    public string Uuid() => ids.NextGuid().ToString();

    public string Id() => Ids.Of(ids.NextGuid());

    public long RandomInt(long lower, long upper)
    {
        Span<byte> bytes = stackalloc byte[16];
        ids.NextGuid().TryWriteBytes(bytes);
        // Two's complement: the difference of two longs always fits a ulong, and adding back wraps to the right value.
        var range = unchecked((ulong)(upper - lower));
        return unchecked(lower + (long)(BitConverter.ToUInt64(bytes) % range));
    }
}
