using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Sdk.Values;

/// <summary>
/// Reads free-form JSON (inputs, outputs, variables) into plain .NET values: Dictionary, List, string,
/// long, double, bool, null; writes any value by its runtime type.
/// </summary>
public sealed class PlainValueConverter : JsonConverter<object>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadValue(ref reader, options);

    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (value.GetType() == typeof(object))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        if ((value as double? ?? value as float?) is { } d && IsWhole(d))
        {
            // System.Text.Json writes 2.0 as "2", which would read back as a long; Kestra (Jackson) writes "2.0".
            writer.WriteRawValue(d.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
            return;
        }

        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }

    private static bool IsWhole(double d) => double.IsFinite(d) && Math.Abs(d) < 1e15 && d == Math.Truncate(d);

    private static object? ReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var map = new Dictionary<string, object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    map[name] = ReadValue(ref reader, options);
                }

                return map;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader, options));
                }

                return list;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                // The casts matter: without them the conditional's type is double and every integer reads back as one.
                return reader.TryGetInt64(out var l) ? l : (object)reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }
}
