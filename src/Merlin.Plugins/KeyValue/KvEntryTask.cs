using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.KeyValue;

/// <summary>What kv.Get and kv.Delete share: a key in a namespace (default: the flow's) and <c>errorOnMissing</c>.</summary>
public abstract class KvEntryTask : RunnableTask
{
    [Required] public string Key { get; init; } = "";
    public string Namespace { get; init; } = "{{ flow.namespace }}";
    public bool ErrorOnMissing { get; init; }

    /// <summary>The store and the rendered namespace and key.</summary>
    protected (ITaskKv Store, string Namespace, string Key) Resolve(ITaskRunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Kv, context.RenderRequired(Namespace, "namespace"), context.RenderRequired(Key, "key"));
    }

    /// <summary>Fails the task when the entry is missing and <see cref="ErrorOnMissing"/> is set.</summary>
    protected void CheckFound(bool found, string @namespace, string key)
    {
        if (!found && ErrorOnMissing)
        {
            throw new InvalidOperationException($"No value found for key '{key}' in namespace '{@namespace}' and `errorOnMissing` is set to true");
        }
    }
}
