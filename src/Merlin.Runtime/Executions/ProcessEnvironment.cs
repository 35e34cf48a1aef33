using System.Collections;
using Merlin.Core.Engine;
using Merlin.Core.Executions;

namespace Merlin.Runtime.Executions;

/// <summary>The engine's environment read from this process, once: random ids and Kestra's <c>envs</c>.</summary>
public static class ProcessEnvironment
{
    private const string Prefix = "KESTRA_";

    /// <summary>Kestra's <c>envs</c>: the server's variables prefixed <c>KESTRA_</c>, prefix removed, lower-cased.</summary>
    public static EngineEnvironment Read() => new(RandomIds.Instance,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith(Prefix, StringComparison.Ordinal) && e.Value is string)
            .ToDictionary(e => ((string)e.Key)[Prefix.Length..].ToLowerInvariant(), e => (object?)e.Value));
}
