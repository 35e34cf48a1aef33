namespace Merlin.Core.Templating;

public sealed class TemplateContext(IReadOnlyDictionary<string, object?> variables, ITemplateHost? host = null)
{
    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;
    public ITemplateHost? Host { get; } = host;
}
