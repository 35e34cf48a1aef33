namespace Merlin.Plugins.Scripts.Runner;

/// <summary>One process to run: its arguments (no shell parsing, each passed as is), directory and environment additions.</summary>
public sealed record ProcessSpec(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);
