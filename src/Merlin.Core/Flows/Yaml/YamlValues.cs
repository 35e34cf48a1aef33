using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// Turns YAML nodes into plain values (maps keep their order, lists, string, long, double, bool, null)
/// following the YAML 1.2 core schema for plain scalars; quoted and block scalars stay strings.
/// </summary>
public static partial class YamlValues
{
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlMappingNode mapping => ToMap(mapping),
        _ => null,
    };

    public static Dictionary<string, object?> ToMap(YamlMappingNode mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var map = new Dictionary<string, object?>(mapping.Children.Count);
        foreach (var (key, value) in mapping.Children)
        {
            map[KeyOf(key)] = ToPlain(value);
        }

        return map;
    }

    public static string KeyOf(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

    public static SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => text,
        };
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
