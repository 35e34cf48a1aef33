using System.Globalization;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Limits;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Templating.Values;

/// <summary>YAML text to the value model, with YAML 1.1-ish plain scalar typing (ints, floats, booleans, null).</summary>
internal static class YamlValues
{
    public static object? Parse(string yaml, LimitOptions limits)
    {
        ParsedText.CheckLength(yaml, limits, "yaml()");
        YamlStream stream;
        try
        {
            stream = YamlLoader.Load(yaml, limits);
        }
        catch (YamlLimitException e)
        {
            throw new TemplateException($"yaml(): {e.Message}", e);
        }
        catch (YamlException e)
        {
            throw new TemplateException($"yaml(): invalid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Aggregate(new Dictionary<string, object?>(), (d, kv) =>
        {
            d[(kv.Key as YamlScalarNode)?.Value ?? ""] = Convert(kv.Value);
            return d;
        }),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode s)
    {
        var v = s.Value;
        if (s.Style is not ScalarStyle.Plain || v is null) return v;
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit)) return d;
        return v;
    }
}
