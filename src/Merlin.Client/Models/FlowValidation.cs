namespace Merlin.Client.Models;

/// <summary>The check of one YAML document by <c>POST /api/v1/flows/validate</c>: <see cref="Constraints"/> is set when it is invalid.</summary>
public sealed record FlowValidation
{
    public int Index { get; init; }
    public string? Flow { get; init; }
    public string? Namespace { get; init; }
    public string? Constraints { get; init; }
    public bool Outdated { get; init; }
    public IReadOnlyList<string> DeprecationPaths { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> Infos { get; init; } = [];

    /// <summary>Whether the document is a valid flow.</summary>
    public bool IsValid => Constraints is null;
}
