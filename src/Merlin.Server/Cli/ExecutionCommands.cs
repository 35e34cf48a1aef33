using System.CommandLine;
using Merlin.Client;
using Merlin.Client.Executions;
using Merlin.Client.Models;
using StateType = Merlin.Client.Models.StateType;

namespace Merlin.Server.Cli;

/// <summary><c>merlin execution run|get|kill|restart</c>.</summary>
internal static class ExecutionCommands
{
    private const string ExitCodes = "Exit code with --wait or --follow: 0 SUCCESS or WARNING, 1 FAILED, 2 KILLED or CANCELLED.";

    public static Command Build() => new("execution", "Run and manage executions") { Run(), Get(), Kill(), Restart() };

    private static Command Run()
    {
        var ns = new Argument<string>("NAMESPACE");
        var flowId = new Argument<string>("FLOW_ID");
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input as KEY=VALUE (repeatable)" };
        var files = new Option<string[]>("--file", "-f") { Description = "A FILE input as KEY=PATH (repeatable)" };
        var labels = new Option<string[]>("--label", "-l") { Description = "A label as KEY:VALUE (repeatable)" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the end; the exit code follows the final state" };
        var follow = new Option<bool>("--follow") { Description = "Stream the logs until the end (implies --wait)" };
        var command = new Command("run", "Start an execution of a flow. " + ExitCodes) { ns, flowId, inputs, files, labels, wait, follow };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var request = new ExecutionInputs();
            var opened = new List<FileStream>();
            try
            {
                foreach (var (key, value) in (result.GetValue(inputs) ?? []).Select(i => Pair(i, '=', "--input KEY=VALUE")))
                {
                    request.Add(key, value);
                }

                foreach (var (key, path) in (result.GetValue(files) ?? []).Select(f => Pair(f, '=', "--file KEY=PATH")))
                {
                    var stream = File.OpenRead(path);
                    opened.Add(stream);
                    request.AddFile(key, stream, Path.GetFileName(path));
                }

                foreach (var (key, value) in (result.GetValue(labels) ?? []).Select(l => Pair(l, ':', "--label KEY:VALUE")))
                {
                    request.AddLabel(key, value);
                }

                var execution = await client.Executions.RunAsync(result.GetValue(ns)!, result.GetValue(flowId)!, request, cancellationToken: ct);
                await Console.Error.WriteLineAsync($"execution {execution.Id} {execution.State.Current}" + (execution.Url is { } url ? $"  {url}" : ""));
                if (!result.GetValue(wait) && !result.GetValue(follow))
                {
                    Print(result, execution);
                    return 0;
                }

                if (result.GetValue(follow))
                {
                    await foreach (var log in client.Logs.FollowAsync(execution.Id, cancellationToken: ct))
                    {
                        await Console.Error.WriteLineAsync($"{log.Timestamp:HH:mm:ss.fff} {log.Level,-5} {log.TaskId ?? "-"}  {log.Message}");
                    }
                }

                var final = await client.Executions.WaitAsync(execution.Id, ct);
                await Console.Error.WriteLineAsync($"execution {final.Id} {final.State.Current} in {final.State.Duration:0.###} s");
                Print(result, final);
                return ExitCode(final.State.Current);
            }
            finally
            {
                opened.ForEach(s => s.Dispose());
            }
        });
        return command;
    }

    private static Command Get()
    {
        var id = new Argument<string>("EXECUTION_ID");
        var command = new Command("get", "Show an execution: its state and task runs (all of it with --output json)") { id };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var execution = await client.Executions.GetAsync(result.GetValue(id)!, ct);
            if (result.GetValue(RemoteOptions.Output) == OutputFormat.Json)
            {
                CliOutput.WriteJson(execution);
                return 0;
            }

            Console.Out.WriteLine($"{execution.Namespace}.{execution.FlowId} (revision {execution.FlowRevision}) execution {execution.Id}: {execution.State.Current}");
            CliOutput.Write(OutputFormat.Table, execution.TaskRunList, ["TASK", "VALUE", "STATE", "DURATION"], t =>
                [t.TaskId, t.Value, t.State.Current.ToString(), t.State.Duration is { } d ? $"{d:0.###} s" : ""]);
            return 0;
        });
        return command;
    }

    private static Command Kill()
    {
        var id = new Argument<string>("EXECUTION_ID");
        var command = new Command("kill", "Kill a running execution") { id };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            await client.Executions.KillAsync(result.GetValue(id)!, ct);
            await Console.Error.WriteLineAsync($"kill requested for {result.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static Command Restart()
    {
        var id = new Argument<string>("EXECUTION_ID");
        var wait = new Option<bool>("--wait") { Description = "Wait for the end; the exit code follows the final state" };
        var command = new Command("restart", "Restart a FAILED execution from its failed tasks. " + ExitCodes) { id, wait };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var execution = await client.Executions.RestartAsync(result.GetValue(id)!, ct);
            await Console.Error.WriteLineAsync($"execution {execution.Id} {execution.State.Current}");
            if (!result.GetValue(wait))
            {
                Print(result, execution);
                return 0;
            }

            var final = await client.Executions.WaitAsync(execution.Id, ct);
            Print(result, final);
            return ExitCode(final.State.Current);
        });
        return command;
    }

    private static void Print(ParseResult result, Execution execution)
    {
        if (result.GetValue(RemoteOptions.Output) == OutputFormat.Json)
        {
            CliOutput.WriteJson(execution);
        }
        else
        {
            Console.Out.WriteLine(execution.Id);
        }
    }

    internal static int ExitCode(StateType state) => state switch
    {
        StateType.SUCCESS or StateType.WARNING => 0,
        StateType.FAILED => 1,
        _ => 2,
    };

    private static (string Key, string Value) Pair(string text, char separator, string usage)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        return index <= 0 ? throw new CliException($"'{text}': expected {usage}") : (text[..index], text[(index + 1)..]);
    }
}
