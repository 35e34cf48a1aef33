using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Sdk.Values;

/// <summary>Dates as ISO-8601 instants in UTC with a <c>Z</c>, as Kestra prints them.</summary>
public sealed class InstantConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Kestra's text of an instant: UTC, the fraction's trailing zeros dropped (<c>yyyy-MM-ddTHH:mm:ss.FFFFFFFZ</c>).</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(text[..Write(value, text)]);
    }

    /// <summary>Writes <c>"name": "instant"</c> straight as UTF-8, without an intermediate string.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[MaxLength];
        writer.WriteString(name, text[..Write(value, text)]);
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not a date-time (expected ISO-8601, e.g. 2030-01-01T00:00:00Z)");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[MaxLength];
        writer.WriteStringValue(text[..Write(value, text)]);
    }

    private const int MaxLength = 28; // yyyy-MM-ddTHH:mm:ss.fffffffZ

    /// <summary>
    /// The round-trip format (<c>O</c>, a fast path of the runtime: always 28 characters for a UTC date) with the
    /// fraction's trailing zeros dropped, and the point too when nothing is left — what the custom pattern
    /// <c>FFFFFFF</c> writes, at a fraction of its cost (an execution's save writes a dozen dates). Returns the length.
    /// </summary>
    private static int Write(DateTimeOffset value, Span<byte> destination)
    {
        value.UtcDateTime.TryFormat(destination, out _, "O", CultureInfo.InvariantCulture);
        var end = MaxLength - 1; // the point at 19, the fraction at 20..26, Z at 27
        while (end > 20 && destination[end - 1] == (byte)'0')
        {
            end--;
        }

        if (end == 20)
        {
            end = 19; // no fraction left: no point either
        }

        destination[end] = (byte)'Z';
        return end + 1;
    }
}
