using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Merlin.Core.Executions;

/// <summary>Kestra's FriendlyId: a UUID written in base62 (about 22 characters).</summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new random id; the engine takes its ids from an <see cref="IIdSource"/> instead (<see cref="Create(IIdSource)"/>).</summary>
    public static string Create() => Of(Guid.NewGuid());

    public static string Create(IIdSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Of(source.NextGuid());
    }

    /// <summary>
    /// A new execution id that sorts after the ids made before it (to the millisecond): the number written is the
    /// creation time in Unix milliseconds followed by 80 random bits, so it looks like any other id (21 characters until
    /// the year 4000) but each new execution lands at the end of the indexes on its id instead of on a random page of
    /// them — fewer pages read and written per execution as the store grows.
    /// </summary>
    public static string CreateOrdered(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[..10]);
        var milliseconds = (ulong)clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 10; i < 16; i++, milliseconds >>= 8)
        {
            bytes[i] = (byte)milliseconds; // little-endian: the time is the number's most significant part
        }

        return Of(BinaryPrimitives.ReadUInt128LittleEndian(bytes));
    }

    public static string Of(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        return Of(BinaryPrimitives.ReadUInt128LittleEndian(bytes));
    }

    private static string Of(UInt128 value)
    {
        Span<char> chars = stackalloc char[24];
        var position = chars.Length;
        do
        {
            (value, var remainder) = UInt128.DivRem(value, 62);
            chars[--position] = Alphabet[(int)remainder];
        }
        while (value != UInt128.Zero);

        return new string(chars[position..]);
    }
}
