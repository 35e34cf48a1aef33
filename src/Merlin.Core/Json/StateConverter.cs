using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Merlin.Core.Executions;

namespace Merlin.Core.Json;

/// <summary>Writes a state with Kestra's derived fields (duration, startDate, endDate); reads current and histories.</summary>
public sealed class StateConverter : JsonConverter<State>
{
    public override State Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var current = Enum.Parse<StateType>(root.GetProperty("current").GetString()!);
        var histories = root.GetProperty("histories").EnumerateArray()
            .Select(h => new StateHistory(
                Enum.Parse<StateType>(h.GetProperty("state").GetString()!),
                DateTimeOffset.Parse(h.GetProperty("date").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .ToImmutableList();
        return new State(current, histories);
    }

    public override void Write(Utf8JsonWriter writer, State value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("current"u8, value.Current.ToString());
        writer.WriteStartArray("histories"u8);
        foreach (var history in value.Histories)
        {
            writer.WriteStartObject();
            writer.WriteString("state"u8, history.State.ToString());
            InstantConverter.Write(writer, "date"u8, history.Date);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteDuration(writer, value.DurationAt(DateTimeOffset.UtcNow));
        InstantConverter.Write(writer, "startDate"u8, value.StartDate);
        if (value.EndDate is { } end)
        {
            InstantConverter.Write(writer, "endDate"u8, end);
        }

        writer.WriteEndObject();
    }

    /// <summary>Decimal seconds with 6 to 9 digits after the point (Kestra's shape), formatted without allocating.</summary>
    private static void WriteDuration(Utf8JsonWriter writer, TimeSpan duration)
    {
        writer.WritePropertyName("duration"u8);
        Span<byte> text = stackalloc byte[64];
        if (TryFormatSeconds(duration, text, out var length) || duration.TotalSeconds.TryFormat(text, out length, "0.000000###", CultureInfo.InvariantCulture))
        {
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(duration.TotalSeconds);
        }
    }

    /// <summary>
    /// What <c>"0.000000###"</c> writes for a duration of whole ticks under a million seconds (all of them in practice),
    /// straight from the ticks: seconds, a point, the seven tick digits less a last zero. Custom numeric formats are
    /// slow, and every execution write has one per state.
    /// </summary>
    internal static bool TryFormatSeconds(TimeSpan duration, Span<byte> destination, out int length)
    {
        const long maxTicks = 1_000_000 * TimeSpan.TicksPerSecond;
        length = 0;
        var ticks = duration.Ticks;
        if (ticks is < 0 or >= maxTicks || !(ticks / TimeSpan.TicksPerSecond).TryFormat(destination, out var whole, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        destination[whole] = (byte)'.';
        var fraction = ticks % TimeSpan.TicksPerSecond;
        for (var i = whole + 7; i > whole; i--, fraction /= 10)
        {
            destination[i] = (byte)('0' + (fraction % 10));
        }

        length = destination[whole + 7] == (byte)'0' ? whole + 7 : whole + 8;
        return true;
    }
}
