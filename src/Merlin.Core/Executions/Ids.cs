using System.Numerics;

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

    public static string Of(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[17];
        guid.TryWriteBytes(bytes[..16]);
        bytes[16] = 0; // unsigned
        var value = new BigInteger(bytes);
        Span<char> chars = stackalloc char[24];
        var position = chars.Length;
        do
        {
            value = BigInteger.DivRem(value, 62, out var remainder);
            chars[--position] = Alphabet[(int)remainder];
        }
        while (!value.IsZero);

        return new string(chars[position..]);
    }
}
