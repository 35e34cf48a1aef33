using System.Security.Cryptography;
using System.Text;

namespace Merlin.Core.Templating.Filters;

/// <summary>md5, sha1, sha256, sha512: lower-case hex of the UTF-8 text.</summary>
internal static class HashFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
#pragma warning disable CA5351, CA5350 // Weak hashes are what the template asks for, not used for security here.
        filters["md5"] = (input, _, _) => Hash(input, MD5.HashData);
        filters["sha1"] = (input, _, _) => Hash(input, SHA1.HashData);
#pragma warning restore CA5351, CA5350
        filters["sha256"] = (input, _, _) => Hash(input, SHA256.HashData);
        filters["sha512"] = (input, _, _) => Hash(input, SHA512.HashData);
    }

    private static string? Hash(object? input, Func<byte[], byte[]> hash) =>
        StringFilters.Text(input) is { } s ? Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(s))) : null;
}
