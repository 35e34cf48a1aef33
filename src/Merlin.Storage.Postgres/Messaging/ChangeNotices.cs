using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// An execution changed (<see cref="States"/>/<see cref="Tasks"/> say how far: see <see cref="ExecutionVersion"/>;
/// <see cref="Trig"/> whether a trigger started it, unknown from older senders), or its end could not be stored
/// (<see cref="Fault"/>). Receivers read the execution itself from the store, unless the notice carries it: an end or
/// a pause, what waiters wait for, when it fits a notification, follows the notice's JSON after a line feed, so a
/// receiver that does not want it parses the notice alone.
/// </summary>
internal sealed record ExecutionNotice(string Id, string State, int States, int Tasks, string? Fault = null, bool DiskFull = false, bool? Trig = null)
{
    public ExecutionVersion Version => new(States, Tasks);
}

/// <summary>A flow got a new revision (or a deletion marker, <see cref="Deleted"/>); receivers read that revision.</summary>
internal sealed record FlowNotice(string Namespace, string Id, int Revision, bool Deleted);

/// <summary>A trigger's stored state changed; receivers re-read it.</summary>
internal sealed record TriggerNotice(string Namespace, string FlowId, string TriggerId);

/// <summary>The payloads of change notifications, small JSON objects with short names (a payload holds 8,000 bytes at most).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ExecutionNotice))]
[JsonSerializable(typeof(FlowNotice))]
[JsonSerializable(typeof(TriggerNotice))]
internal sealed partial class ChangeNoticeJson : JsonSerializerContext
{
    /// <summary>The notice in <paramref name="payload"/>, or null when it is not one (a newer or foreign sender).</summary>
    public static T? Read<T>(string payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
