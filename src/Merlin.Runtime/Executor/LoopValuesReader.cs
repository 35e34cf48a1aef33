using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Reads the <c>kestra://</c> file a Loop's <c>values</c> names (Kestra 2.0: one iteration per line) for the pure engine,
/// through the execution's file access, and sends the lines back as <see cref="ExecutionEvent.LoopValuesRead"/>. The lines
/// are kept on the loop's task run, so the file may be no larger than a task's outputs (<see cref="LimitOptions.TaskMaxOutputSize"/>).
/// </summary>
public sealed class LoopValuesReader(ExecutionFileAccess files, IExecutionQueue queue, LimitOptions limits, ILogger<LoopValuesReader> logger)
{
    public void Read(Execution execution, ExecutionAction.ReadLoopValues read) => _ = ReadAsync(execution, read);

    private async Task ReadAsync(Execution execution, ExecutionAction.ReadLoopValues read)
    {
        ExecutionEvent.LoopValuesRead answer;
        try
        {
            answer = new ExecutionEvent.LoopValuesRead(read.TaskRunId, await LinesAsync(execution, read.Uri));
        }
        catch (Exception e) when (e is FileNotFoundException or FileAccessDeniedException or InvalidStorageUriException or InvalidDataException or StorageFaultException or IOException)
        {
            answer = new ExecutionEvent.LoopValuesRead(read.TaskRunId, null, e.Message);
        }

        try
        {
            await queue.SendAsync(execution.Id, answer, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Recovery asks again for a loop still waiting on its lines.
            logger.LogError(e, "The values of loop task run {TaskRunId} of {ExecutionId} could not be sent", read.TaskRunId, execution.Id);
        }
    }

    private async Task<List<string>> LinesAsync(Execution execution, string uri)
    {
        // One access check (the open); the size is counted while reading, so a larger file stops being read at the limit.
        await using var stream = await files.OpenAsync(execution, uri, CancellationToken.None);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        long read = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            read += line.Length + 1;
            if (read > limits.TaskMaxOutputSize)
            {
                throw new InvalidDataException(
                    $"the file is larger than a task's outputs may be ({limits.TaskMaxOutputSize} characters, setting Merlin:Limits:{nameof(LimitOptions.TaskMaxOutputSize)})");
            }

            lines.Add(line);
        }

        return lines;
    }
}
