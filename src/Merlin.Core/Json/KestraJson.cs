using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Merlin.Core.Json;

/// <summary>
/// The one JSON shape Merlin speaks, Kestra's: camelCase, enums by name, ISO-8601 UTC dates, durations as
/// decimal seconds, nulls omitted, free-form values read back as plain maps, lists and scalars.
/// </summary>
public static class KestraJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>
    /// Kestra leaves <c>taskRunList</c> out of an execution that has no task run yet, and <c>labels</c> out of one without
    /// labels (a webhook's execution of a flow without labels).
    /// </summary>
    private static void OmitEmptyTaskRunList(JsonTypeInfo info)
    {
        if (info.Type != typeof(Executions.Execution))
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Name is "taskRunList" or "labels"))
        {
            property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = PlainJson.CreateOptions();
        // Accepted data nests at most Merlin:Limits:MaxDepth levels; the documents around it (execution, flow,
        // search page) add a few more. The default of 64 broke every read of a 60-deep webhook body.
        options.MaxDepth = Limits.LimitOptions.StorageDepth;
        options.Converters.Insert(2, new StateConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyTaskRunList } };
        options.MakeReadOnly();
        return options;
    }
}
