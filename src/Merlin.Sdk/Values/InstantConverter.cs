using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Sdk.Values;

/// <summary>Dates as ISO-8601 instants in UTC with a <c>Z</c>, as Kestra prints them.</summary>
public sealed class InstantConverter : JsonConverter<DateTimeOffset>
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Writes <c>"name": "instant"</c> straight as UTF-8, without an intermediate string.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[40];
        if (value.UtcDateTime.TryFormat(text, out var length, Pattern, CultureInfo.InvariantCulture))
        {
            writer.WriteString(name, text[..length]);
        }
        else
        {
            writer.WriteString(name, Format(value));
        }
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not a date-time (expected ISO-8601, e.g. 2030-01-01T00:00:00Z)");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[40];
        if (value.UtcDateTime.TryFormat(text, out var length, Pattern, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(text[..length]);
        }
        else
        {
            writer.WriteStringValue(Format(value));
        }
    }
}
