using System.Security.Cryptography;
using System.Text;
using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Secrets;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// Kestra's Webhook trigger: finds the trigger by its key, refuses a disabled one, starts the execution when the
/// trigger's conditions pass and waits for its end when the trigger asks. The HTTP side (the body read under
/// <see cref="TriggerOptions.MaxWebhookBodySize"/>, the signature header, the answer) stays with the endpoint.
/// </summary>
public sealed class WebhookHandler(
    FlowService flows,
    ITriggerStateRepository states,
    ConditionEvaluator conditions,
    TemplateEngine templates,
    IKvStore kv,
    SecretStore secrets,
    ExecutionService executions,
    ExecutionCommands commands)
{
    /// <summary>
    /// The enabled Webhook trigger of the flow whose rendered key equals <paramref name="key"/>. An unknown flow and a wrong
    /// key get the same 404, Kestra's for an unknown flow, so that anonymous callers cannot list flows; 409 when disabled.
    /// </summary>
    public async Task<(Flow Flow, WebhookTrigger Trigger)> FindAsync(string @namespace, string flowId, string key, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(@namespace, flowId, null, cancellationToken);
        if (flow is null || FindTrigger(flow, key) is not { } trigger)
        {
            throw new NotFoundException("Flow not found");
        }

        var state = await states.GetAsync(@namespace, flowId, trigger.Id, cancellationToken);
        if (flow.Disabled || trigger.Disabled || state?.Disabled == true)
        {
            throw new ConflictException($"Cannot execute a disabled flow or trigger: '{@namespace}.{flowId}' webhook '{trigger.Id}'");
        }

        return (flow, trigger);
    }

    /// <summary>A trigger property (its key, its secret), rendered with the flow's variables, <c>kv()</c> and <c>secret()</c>.</summary>
    public string Render(Flow flow, string template) =>
        templates.Render(template, new TemplateContext(
            TriggerRendering.Variables(flow, new Dictionary<string, object?>()),
            new TriggerTemplateHost(flow.Namespace, kv, secrets)));

    /// <summary>
    /// Starts the execution with the request's <paramref name="variables"/> (<c>body</c>, <c>headers</c>, <c>parameters</c>)
    /// and raw <paramref name="inputs"/>; null when the trigger's conditions refuse the request. With the trigger's
    /// <c>wait</c>, returns the execution once it ended.
    /// </summary>
    public async Task<Execution?> StartAsync(Flow flow, WebhookTrigger trigger, Dictionary<string, object?> variables,
        Dictionary<string, InputValue> inputs, CancellationToken cancellationToken)
    {
        if (!conditions.All(trigger.Conditions, new ConditionContext(flow, TriggerRendering.Variables(flow, variables))))
        {
            return null;
        }

        var execution = await executions.CreateAsync(new ExecutionRequest
        {
            Namespace = flow.Namespace,
            FlowId = flow.Id,
            Revision = flow.Revision,
            Inputs = inputs,
            Trigger = new ExecutionTrigger(trigger.Id, trigger.Type, variables),
            TypedInputs = false,
            CorrelationId = false,
        }, cancellationToken);
        return trigger.Wait == true ? await commands.WaitAsync(execution.Id, untilPaused: false, cancellationToken) : execution;
    }

    /// <summary>The Webhook trigger whose rendered, trimmed key equals the path key (compared in constant time).</summary>
    private WebhookTrigger? FindTrigger(Flow flow, string key)
    {
        var wanted = Encoding.UTF8.GetBytes(key);
        foreach (var trigger in flow.Triggers.OfType<WebhookTrigger>())
        {
            string rendered;
            try
            {
                rendered = Render(flow, trigger.Key).Trim();
            }
            catch (TemplateException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(rendered), wanted))
            {
                return trigger;
            }
        }

        return null;
    }
}
