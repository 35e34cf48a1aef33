using System.Text;
using System.Text.RegularExpressions;

namespace Merlin.Plugins.Storage;

/// <summary>Java's <c>glob:</c> patterns on '/'-separated relative paths: <c>*</c>, <c>**</c>, <c>?</c>, <c>{a,b}</c>, <c>[abc]</c>.</summary>
internal static class FileGlob
{
    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
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

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
