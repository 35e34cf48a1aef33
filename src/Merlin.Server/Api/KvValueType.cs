using System.Globalization;
using System.Text.RegularExpressions;

namespace Merlin.Server.Api;

/// <summary>The <c>type</c> Kestra reports with a KV value; a string that reads as a duration, date or date-time says so.</summary>
internal static partial class KvValueType
{
    public static string Of(object? value) => value switch
    {
        null => "STRING",
        bool => "BOOLEAN",
        string s when IsoDuration().IsMatch(s) => "DURATION",
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "DATE",
        string s when s.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "DATETIME",
        string => "STRING",
        DateTimeOffset or DateTime => "DATETIME",
        DateOnly => "DATE",
        TimeSpan => "DURATION",
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => "NUMBER",
        _ => "JSON",
    };

    [GeneratedRegex(@"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
    private static partial Regex IsoDuration();
}
