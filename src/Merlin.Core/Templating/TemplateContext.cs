namespace Merlin.Core.Templating;

/// <summary>The variables a template is rendered with, plus the optional host for side-effecting functions.</summary>
public sealed class TemplateContext
{
    public TemplateContext(IReadOnlyDictionary<string, object?> variables, ITemplateHost? host = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Variables = variables;
        Host = host;
    }

    public IReadOnlyDictionary<string, object?> Variables { get; }

    public ITemplateHost? Host { get; }
}
