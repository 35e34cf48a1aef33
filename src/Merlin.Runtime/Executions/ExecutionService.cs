using System.Collections.Immutable;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Secrets;

namespace Merlin.Runtime.Executions;

/// <summary>
/// Creates executions: checks the flow, stores uploaded files, types the inputs, builds labels, commits, and
/// only then hands the execution to the executor. A refused execution leaves nothing behind.
/// </summary>
public sealed class ExecutionService(
    FlowService flows,
    IExecutionRepository executions,
    IFileStorage files,
    ExecutionFileAccess access,
    InputResolver inputs,
    IExecutionQueue queue,
    TimeProvider clock,
    SecretCipher cipher)
{
    /// <summary>An id for a new execution of <paramref name="flow"/> (see <see cref="ExecutionIds"/>).</summary>
    public string NewId(Flow flow) => ExecutionIds.New(queue, flow, () => Ids.CreateOrdered(clock));

    public async Task<Execution> CreateAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var flow = await flows.GetAsync(request.Namespace, request.FlowId, request.Revision, cancellationToken);
        if (flow.Deleted)
        {
            throw new NotFoundException($"Flow '{request.Namespace}.{request.FlowId}' revision {request.Revision} is deleted");
        }

        if (flow.Disabled)
        {
            throw new InvalidEntityException($"Cannot execute disabled flow '{flow.Namespace}.{flow.Id}'");
        }

        var id = request.Id ?? NewId(flow);
        var stored = new List<string>();
        try
        {
            var provided = new Dictionary<string, InputValue>(request.Inputs);
            foreach (var file in request.Files.Where(f => flow.Inputs.Any(i => i.Id == f.InputId)))
            {
                await using var content = file.Open();
                var uri = await files.PutAsync(StoragePaths.Input(flow.Namespace, flow.Id, id, file.InputId, file.FileName), content, cancellationToken);
                stored.Add(uri);
                provided[file.InputId] = new InputValue.File(uri);
            }

            // SECRET inputs are stored encrypted; only the task that renders them sees them in clear.
            var typed = cipher.EncryptInputs(flow.Inputs, request.TypedInputs ? ResolveInputs(flow, provided) : Raw(provided));
            var now = clock.GetUtcNow();
            var execution = new Execution
            {
                Id = id,
                Namespace = flow.Namespace,
                FlowId = flow.Id,
                FlowRevision = flow.Revision,
                Inputs = typed.Count > 0 ? typed : null,
                Labels = Labels(flow, request, id),
                State = State.Create(now),
                OriginalId = id,
                Trigger = request.Trigger,
                ParentId = request.ParentId,
                Metadata = new ExecutionMetadata(1, now),
                ScheduleDate = request.ScheduleDate,
                Variables = request.Variables,
            };
            await CheckFileInputsAsync(flow, execution, typed, stored, cancellationToken);
            if (!request.AwaitCommit)
            {
                stored.Clear();
                await queue.SubmitNewAsync(execution, CancellationToken.None); // stored by the executor's first save, or with its first event
                return execution;
            }

            await executions.SaveAsync(execution, cancellationToken);
            stored.Clear();
            await queue.SubmitAsync(execution, CancellationToken.None); // committed: it must run
            return execution;
        }
        finally
        {
            foreach (var uri in stored)
            {
                await files.DeleteAsync(uri, CancellationToken.None);
            }
        }
    }

    /// <summary>A FILE input given as a URI must be a file the new execution may read: naming another namespace's file reaches nothing.</summary>
    private async Task CheckFileInputsAsync(Flow flow, Execution execution, Dictionary<string, object?> typed, List<string> stored, CancellationToken cancellationToken)
    {
        foreach (var input in flow.Inputs.Where(i => i.Type == InputType.FILE))
        {
            if (typed.GetValueOrDefault(input.Id) is string uri && !stored.Contains(uri))
            {
                try
                {
                    await access.EnsureAllowedAsync(execution, uri, "read", cancellationToken);
                }
                catch (FileAccessDeniedException e)
                {
                    throw new InvalidEntityException(e.Message, [($"inputs.{input.Id}", e.Message)]);
                }
            }
        }
    }

    private Dictionary<string, object?> ResolveInputs(Flow flow, IReadOnlyDictionary<string, InputValue> provided)
    {
        try
        {
            return inputs.Resolve(flow.Inputs, provided);
        }
        catch (InputException e)
        {
            throw new InvalidEntityException(e.Message, [($"inputs.{e.InputId}", e.Message)]);
        }
        catch (InputErrorsException e)
        {
            throw new InvalidEntityException(e.Message, e.Errors.Select(error => ($"inputs.{error.InputId}", error.Message)).ToList());
        }
    }

    private static Dictionary<string, object?> Raw(IReadOnlyDictionary<string, InputValue> provided) =>
        provided.ToDictionary(p => p.Key, p => p.Value switch
        {
            InputValue.Text t => (object?)t.Value,
            InputValue.Typed t => t.Value,
            InputValue.File f => f.Uri,
            _ => null,
        });

    private static ImmutableList<Label> Labels(Flow flow, ExecutionRequest request, string id)
    {
        if (request.Labels.FirstOrDefault(SystemLabels.ForbiddenOnNewExecution) is { } system)
        {
            throw new InvalidEntityException(SystemLabels.Refusal(system));
        }

        var labels = flow.Labels.Where(l => !SystemLabels.IsSystem(l.Key)).ToList();
        foreach (var label in request.Labels)
        {
            labels.RemoveAll(l => l.Key == label.Key);
            labels.Add(label);
        }

        if (request.CorrelationId && labels.All(l => l.Key != SystemLabels.CorrelationId))
        {
            labels.Add(new Label(SystemLabels.CorrelationId, id));
        }

        return [.. labels];
    }
}
