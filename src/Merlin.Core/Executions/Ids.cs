using System.Numerics;

namespace Merlin.Core.Executions;

/// <summary>Kestra's FriendlyId: a random UUID written in base62 (about 22 characters).</summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[17];
        Guid.NewGuid().TryWriteBytes(bytes[..16]);
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
