using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Functions;

internal static class CoreFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> functions)
    {
    }
}
