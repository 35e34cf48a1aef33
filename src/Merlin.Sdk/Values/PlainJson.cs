using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Merlin.Sdk.Values;

/// <summary>
/// Kestra's JSON for plain values (maps, lists, scalars, dates) and simple records: camelCase, enums by name, ISO-8601 UTC
/// dates, nulls omitted, whole doubles as <c>2.0</c>; free-form JSON reads back as plain maps, lists and scalars. The
/// server's own JSON is these rules plus its domain types, so what a plugin writes reads the same everywhere.
/// </summary>
public static class PlainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses JSON text into plain values (<see cref="PlainValueConverter.FromElement"/>).</summary>
    public static object? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PlainValueConverter.FromElement(document.RootElement);
    }

    /// <summary>The settings shared with the server's JSON; the caller adds its own before making them read-only.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new PlainValueConverter());
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = CreateOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
