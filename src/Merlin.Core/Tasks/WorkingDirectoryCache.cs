using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>
/// A WorkingDirectory's <c>cache</c>: the files matching <see cref="Patterns"/> are archived once its children ran, and
/// the archive is unpacked into the next run's directory before its first child, until <see cref="Ttl"/> has passed.
/// </summary>
public sealed class WorkingDirectoryCache
{
    /// <summary>Globs of the files to keep (Java glob syntax, relative to the directory), e.g. <c>node_modules/**</c>.</summary>
    [Required] public List<string> Patterns { get; init; } = [];

    /// <summary>How long a saved cache may be used (ISO-8601 duration); unset: until replaced.</summary>
    public string? Ttl { get; init; }
}
