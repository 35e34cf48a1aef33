using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Client.Http;

/// <summary>Kestra's JSON: camelCase, enums by name, nulls left out.</summary>
internal static class MerlinJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
