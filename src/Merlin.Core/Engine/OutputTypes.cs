using System.Globalization;
using System.Text.Json;
using Merlin.Core.Json;

namespace Merlin.Core.Engine;

/// <summary>Types a rendered flow output value like an input of the same type.</summary>
public static class OutputTypes
{
    public static object? Convert(string type, object? value, string id)
    {
        if (value is not string text)
        {
            return value;
        }

        try
        {
            return type.ToUpperInvariant() switch
            {
                "INT" => long.Parse(text, CultureInfo.InvariantCulture),
                "FLOAT" => double.Parse(text, CultureInfo.InvariantCulture),
                "BOOLEAN" or "BOOL" => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
                "JSON" => PlainValueConverter.FromElement(JsonDocument.Parse(text).RootElement),
                "ARRAY" => PlainValueConverter.FromElement(JsonDocument.Parse(text).RootElement),
                _ => text,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or JsonException)
        {
            throw new FormatException($"Invalid value for output `{id}` of type {type}: {text}");
        }
    }
}
