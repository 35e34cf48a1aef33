using System.Buffers.Binary;
using Merlin.Core.Executions;

namespace Merlin.Core.Tests.Engine;

/// <summary>A deterministic id source: UUIDs 00000000-0000-0000-0000-000000000001, ...2, ... (from <paramref name="start"/>).</summary>
internal sealed class SequentialIds(long start = 1) : IIdSource
{
    private long _next = start;

    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], _next++);
        return new Guid(bytes, bigEndian: true);
    }
}
