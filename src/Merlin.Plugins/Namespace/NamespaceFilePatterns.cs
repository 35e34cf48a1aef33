using System.Text.RegularExpressions;
using Merlin.Sdk.Files;
using Merlin.Sdk.Runs;

namespace Merlin.Plugins.Namespace;

/// <summary>The <c>files</c> property of the namespace tasks: a glob or a list of globs on namespace paths (a leading '/' optional).</summary>
internal static class NamespaceFilePatterns
{
    public static IReadOnlyList<Regex> Of(ITaskRunContext context, object? files)
    {
        IEnumerable<object?> globs = files switch
        {
            string one => [one],
            IEnumerable<object?> many => many,
            _ => throw new InvalidOperationException("'files' must be a string or a list of strings"),
        };
        return globs.Select(g => FileGlob.ToOutputRegex((context.Render(Convert.ToString(g, System.Globalization.CultureInfo.InvariantCulture)) ?? "").TrimStart('/'))).ToList();
    }
}
