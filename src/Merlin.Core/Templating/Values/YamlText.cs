using Merlin.Core.Flows.Yaml;
using Merlin.Core.Limits;
using YamlDotNet.Core;

namespace Merlin.Core.Templating.Values;

/// <summary>
/// The <c>yaml()</c> function: YAML text to the value model, typed by the same plain-scalar rule as flows
/// (<see cref="YamlValues"/>), under the same limits, with parse errors as template errors.
/// </summary>
internal static class YamlText
{
    public static object? Parse(string yaml, LimitOptions limits)
    {
        ParsedText.CheckLength(yaml, limits, "yaml()");
        try
        {
            var stream = YamlLoader.Load(yaml, limits);
            return stream.Documents.Count == 0 ? null : YamlValues.ToPlain(stream.Documents[0].RootNode);
        }
        catch (YamlLimitException e)
        {
            throw new TemplateException($"yaml(): {e.Message}", e);
        }
        catch (YamlException e)
        {
            throw new TemplateException($"yaml(): invalid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
