namespace Merlin.Core.Templating;

/// <summary>The variables a template is rendered with, plus the optional host for side-effecting functions.</summary>
public sealed class TemplateContext
{
    public TemplateContext(IReadOnlyDictionary<string, object?> variables, ITemplateHost? host = null, RenderBudget? budget = null,
        ITemplateEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Variables = variables;
        Host = host;
        Budget = budget;
        Environment = environment ?? TemplateEnvironment.System;
    }

    public IReadOnlyDictionary<string, object?> Variables { get; }

    public ITemplateHost? Host { get; }

    /// <summary>Shared by every render with this context (a task run's); null: each render gets the engine's own budget.</summary>
    public RenderBudget? Budget { get; }

    /// <summary>The clock and randomness of <c>now()</c>, <c>uuid()</c>, <c>id()</c>, <c>randomInt()</c>.</summary>
    public ITemplateEnvironment Environment { get; }
}
