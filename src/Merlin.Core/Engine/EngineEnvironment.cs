using Merlin.Core.Executions;

namespace Merlin.Core.Engine;

/// <summary>
/// The process-wide part of an advance's inputs: where ids come from and Kestra's <c>envs</c> (the server's
/// <c>KESTRA_*</c> variables, prefix removed, lower-cased). The runtime reads the process once and passes them in; the
/// engine reads nothing itself.
/// </summary>
public sealed record EngineEnvironment(IIdSource Ids, IReadOnlyDictionary<string, object?> Envs)
{
    /// <summary>Random ids and no <c>envs</c>.</summary>
    public static EngineEnvironment Default { get; } = new(RandomIds.Instance, new Dictionary<string, object?>());
}
