using System.Security.Cryptography;
using System.Text;

namespace Merlin.Server.Security;

/// <summary>Compares secrets in constant time: hashing both sides first hides their lengths as well as their contents.</summary>
internal static class SecretComparer
{
    public static bool AreEqual(string? given, string? expected)
    {
        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(given ?? ""), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? ""), right);
        return CryptographicOperations.FixedTimeEquals(left, right) && expected is not null;
    }
}
