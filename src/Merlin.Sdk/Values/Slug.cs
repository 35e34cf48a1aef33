using System.Text.RegularExpressions;

namespace Merlin.Sdk.Values;

/// <summary>Kestra's slugify, used in storage paths and state keys.</summary>
public static partial class Slug
{
    /// <summary>Whitespace to '-', keep [\w-], '_' to '-', collapse dashes, trim, lower-case.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = Whitespace().Replace(text.Trim(), "-");
        slug = NonWord().Replace(slug, "").Replace('_', '-');
        slug = Dashes().Replace(slug, "-").Trim('-');
        return slug.ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\w-]")]
    private static partial Regex NonWord();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
