using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins;

/// <summary>Small conveniences shared by the core task types.</summary>
public static class TaskRunContextExtensions
{
    /// <summary>A service the worker must provide (KV store, file storage...); a clear error when it is missing.</summary>
    public static T RequireService<T>(this ITaskRunContext context, TaskDefinition task)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        return context.Services.GetService(typeof(T)) as T
            ?? throw new InvalidOperationException($"{PluginRegistry.CanonicalName(task.GetType())} needs a {typeof(T).Name}, which this worker does not provide");
    }

    /// <summary>Renders a template that must not render to null.</summary>
    public static string RenderRequired(this ITaskRunContext context, string template, string property)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Render(template) ?? throw new InvalidOperationException($"'{property}' rendered to null");
    }
}
