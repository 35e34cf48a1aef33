using System.Globalization;
using System.Text.Json;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.KeyValue;

/// <summary>
/// Casts a rendered value to a <see cref="KvType"/>. Dates, date-times and durations are kept as their ISO strings
/// after validation, since KV values are stored as JSON-compatible values.
/// </summary>
public static class KvValueCaster
{
    public static object? Cast(object? value, KvType type)
    {
        if (value is not string text)
        {
            return type == KvType.STRING && value is not null ? Text(value) : value;
        }

        return type switch
        {
            KvType.STRING => text,
            KvType.NUMBER => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : throw Invalid(text, type),
            KvType.BOOLEAN => bool.TryParse(text, out var b) ? b : throw Invalid(text, type),
            KvType.DATETIME => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? text : throw Invalid(text, type),
            KvType.DATE => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : throw Invalid(text, type),
            KvType.DURATION => IsoDuration.TryParse(text, out _) ? text : throw Invalid(text, type),
            KvType.JSON => ParseJson(text),
            _ => value,
        };
    }

    private static object? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return PlainValueConverter.FromElement(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Invalid JSON value for the KV store: {e.Message}", e);
        }
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, PlainJson.Options),
    };

    private static InvalidOperationException Invalid(string text, KvType type) =>
        new($"Cannot cast '{text}' to the KV type {type}");
}
