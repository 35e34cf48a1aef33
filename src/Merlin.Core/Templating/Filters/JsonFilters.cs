using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Filters;

internal static class JsonFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
    }
}
