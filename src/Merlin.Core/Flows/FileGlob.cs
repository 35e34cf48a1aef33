using System.Text;
using System.Text.RegularExpressions;

namespace Merlin.Core.Flows;

/// <summary>Java's <c>glob:</c> patterns on '/'-separated relative paths: <c>*</c>, <c>**</c>, <c>?</c>, <c>{a,b}</c>, <c>[abc]</c>.</summary>
public static class FileGlob
{
    public static Regex ToRegex(string glob) => Compile("^" + Body(glob) + "$");

    /// <summary>
    /// Kestra's <c>outputFiles</c> rule: a pattern starting with a word character (<c>out.txt</c>, <c>data/*.csv</c>) is
    /// taken as <c>**/pattern</c>, so it matches at any depth, the top of the directory included.
    /// </summary>
    public static Regex ToOutputRegex(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        return glob.Length > 0 && (char.IsLetterOrDigit(glob[0]) || glob[0] == '_') ? Compile("^(?:.*/)?" + Body(glob) + "$") : ToRegex(glob);
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Body(string glob)
    {
        var pattern = new StringBuilder();
        var inGroup = false;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '{':
                    pattern.Append("(?:");
                    inGroup = true;
                    break;
                case '}' when inGroup:
                    pattern.Append(')');
                    inGroup = false;
                    break;
                case ',' when inGroup:
                    pattern.Append('|');
                    break;
                case '[' or ']':
                    pattern.Append(c);
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return pattern.ToString();
    }
}
