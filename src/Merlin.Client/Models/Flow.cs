using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Client.Models;

/// <summary>
/// A flow as Kestra returns it: identity, revision and source are typed; the YAML-defined parts (tasks, inputs,
/// triggers, labels...) stay JSON, in <see cref="Properties"/> when not named here.
/// </summary>
public sealed record Flow
{
    public required string Id { get; init; }
    public required string Namespace { get; init; }
    public int Revision { get; init; }
    public string? Description { get; init; }
    public bool Disabled { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The YAML source (when asked for, and on every write).</summary>
    public string? Source { get; init; }

    public IReadOnlyList<JsonElement>? Tasks { get; init; }
    public IReadOnlyList<JsonElement>? Inputs { get; init; }
    public IReadOnlyList<JsonElement>? Triggers { get; init; }

    /// <summary>Every other flow property (labels, variables, errors, concurrency, pluginDefaults...).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; init; }
}
