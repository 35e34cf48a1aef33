namespace Merlin.Sdk.Runs;

/// <summary>Small conveniences over <see cref="ITaskRunContext"/>.</summary>
public static class TaskRunContextExtensions
{
    /// <summary>Renders a template that must not render to null; <paramref name="property"/> names it in the error.</summary>
    public static string RenderRequired(this ITaskRunContext context, string template, string property)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Render(template) ?? throw new InvalidOperationException($"'{property}' rendered to null");
    }
}
