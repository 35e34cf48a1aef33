using Merlin.Core.Executions;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>Ends an execution: renders the flow outputs (a failure makes it FAILED) and sets the final state.</summary>
internal static class End
{
    public static void Finish(AdvanceContext ctx, StateType final, TemplateEngine templates)
    {
        if (final is StateType.SUCCESS or StateType.WARNING && ctx.Flow.Outputs.Count > 0)
        {
            var context = ctx.Template(ctx.Variables());
            try
            {
                var outputs = new Dictionary<string, object?>();
                foreach (var output in ctx.Flow.Outputs)
                {
                    var rendered = templates.RenderValue(output.Value, context);
                    outputs[output.Id] = OutputTypes.Convert(output.Type, rendered, output.Id);
                }

                ctx.Execution = ctx.Execution with { Outputs = outputs };
            }
            catch (Exception e) when (e is TemplateException or FormatException)
            {
                ctx.Actions.Add(new ExecutionAction.Log(null, "outputs", LogLevel.ERROR, "Failed to render output values: " + e.Message));
                final = StateType.FAILED;
            }
        }

        if (final == StateType.PAUSED)
        {
            ctx.Execution = ctx.Execution.WithState(StateType.PAUSED, ctx.Now);
            return;
        }

        ctx.Execution = ctx.Execution.WithState(final, ctx.Now);
    }
}
