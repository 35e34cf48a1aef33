using System.Globalization;
using System.Text.RegularExpressions;

namespace Merlin.Sdk.Values;

/// <summary>Micronaut's readable byte sizes: <c>1024</c>, <c>10KB</c>, <c>5MB</c>, <c>1GB</c> (powers of 1024).</summary>
public static partial class DataSize
{
    public static long Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new InvalidOperationException($"Invalid size with value '{text}'");
        }

        var value = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value.ToUpperInvariant() switch
        {
            "KB" => value * 1024,
            "MB" => value * 1024 * 1024,
            "GB" => value * 1024 * 1024 * 1024,
            _ => value,
        };
    }

    [GeneratedRegex("^([0-9]+)\\s*(KB|MB|GB|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
