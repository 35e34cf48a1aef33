using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Merlin.Core.Plugins.Schemas;

/// <summary>
/// The XML documentation (<c>&lt;summary&gt;</c>) of plugin classes and their properties, read from the
/// <c>.xml</c> file the compiler writes beside each assembly. Missing files simply give no text.
/// </summary>
public sealed partial class PluginDocumentation
{
    private readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> _byAssembly = new();

    /// <summary>The summary of a class, as plain text; null when it has none.</summary>
    public string? Summary(Type type) => Find(type.Assembly, "T:" + Name(type));

    /// <summary>The summary of a property (looked up on the class that declares it), as plain text.</summary>
    public string? Summary(PropertyInfo property)
    {
        var owner = property.DeclaringType;
        return owner is null ? null : Find(owner.Assembly, $"P:{Name(owner)}.{property.Name}");
    }

    private string? Find(Assembly assembly, string member) =>
        _byAssembly.GetOrAdd(assembly, Load).GetValueOrDefault(member);

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var file = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
        if (file is null || !File.Exists(file))
        {
            return new Dictionary<string, string>();
        }

        var members = XDocument.Load(file).Root?.Element("members")?.Elements("member") ?? [];
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
            {
                texts[name] = PlainText(summary);
            }
        }

        return texts;
    }

    /// <summary><c>&lt;see cref="T:X.Level"/&gt;</c> becomes <c>Level</c>; whitespace is collapsed.</summary>
    private static string PlainText(XElement summary)
    {
        foreach (var see in summary.Descendants("see").ToList())
        {
            var reference = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "";
            see.ReplaceWith(new XText(reference[(reference.LastIndexOf('.') + 1)..]));
        }

        return Whitespace().Replace(string.Concat(summary.DescendantNodes().OfType<XText>().Select(t => t.Value)), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
