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
        writer.WriteString("current", value.Current.ToString());
        writer.WriteStartArray("histories");
        foreach (var history in value.Histories)
        {
            writer.WriteStartObject();
            writer.WriteString("state", history.State.ToString());
            writer.WriteString("date", InstantConverter.Format(history.Date));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("duration");
        writer.WriteRawValue(value.DurationAt(DateTimeOffset.UtcNow).TotalSeconds.ToString("0.000000###", CultureInfo.InvariantCulture));
        writer.WriteString("startDate", InstantConverter.Format(value.StartDate));
        if (value.EndDate is { } end)
        {
            writer.WriteString("endDate", InstantConverter.Format(end));
        }

        writer.WriteEndObject();
    }
}
