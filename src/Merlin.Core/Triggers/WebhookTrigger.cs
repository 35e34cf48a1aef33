using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>
/// Starts an execution on <c>/api/v1/executions/webhook/{namespace}/{flowId}/{key}</c>. Definition only.
/// <see cref="Wait"/>, <see cref="ReturnOutputs"/> and <see cref="Secret"/> are Merlin extensions.
/// </summary>
[Plugin("io.kestra.plugin.core.trigger.Webhook", "io.kestra.core.models.triggers.types.Webhook")]
public sealed class WebhookTrigger : TriggerDefinition
{
    /// <summary>Rendered then trimmed before it is compared with the path key; at most 256 characters.</summary>
    [Required] public string Key { get; init; } = "";

    /// <summary>Merlin extension: answer only once the execution has ended.</summary>
    public bool? Wait { get; init; }

    /// <summary>Merlin extension: with <see cref="Wait"/>, answer with the flow outputs.</summary>
    public bool? ReturnOutputs { get; init; }

    /// <summary>Merlin extension: a shared secret the caller must send.</summary>
    public string? Secret { get; init; }
}
