using System.Net;
using System.Text;
using Merlin.Client.Executions;
using Merlin.Client.Models;
using StateType = Merlin.Client.Models.StateType;

namespace Merlin.Client.Tests;

public sealed class ExecutionsClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    [Fact]
    public async Task Run_with_inputs_a_file_and_labels_then_wait_logs_and_download()
    {
        await Client.Flows.CreateAsync("""
            id: inputs
            namespace: client.run
            inputs:
              - id: name
                type: STRING
              - id: count
                type: INT
              - id: doc
                type: FILE
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.name }} x{{ inputs.count }}: {{ read(inputs.doc) }}"
            outputs:
              - id: doc
                type: FILE
                value: "{{ inputs.doc }}"
            """);
        using var doc = new MemoryStream(Encoding.UTF8.GetBytes("file body"));
        var inputs = new ExecutionInputs().Add("name", "ada").Add("count", "3").AddFile("doc", doc, "doc.txt").AddLabel("env", "test");

        var execution = await Client.Executions.RunAsync("client.run", "inputs", inputs, wait: true);

        Assert.Equal(StateType.SUCCESS, execution.State.Current);
        Assert.True(execution.State.IsTerminated);
        Assert.Equal(3, execution.Inputs!["count"].GetInt32());
        Assert.Contains(new Label("env", "test"), execution.Labels);
        Assert.Equal("say", execution.TaskRunList.Single().TaskId);
        Assert.NotNull(execution.Url);

        var logs = await Client.Logs.ListAsync(execution.Id, Models.LogLevel.INFO);
        Assert.Equal("ada x3: file body", logs.Single().Message);
        Assert.Contains("ada x3", await Client.Logs.DownloadAsync(execution.Id));

        var uri = execution.Outputs!["doc"].GetString()!;
        await using var file = await Client.Executions.DownloadFileAsync(execution.Id, uri);
        Assert.Equal("file body", await new StreamReader(file).ReadToEndAsync());

        var search = await Client.Executions.SearchAsync(new ExecutionQuery { Namespace = "client.run", FlowId = "inputs", States = [StateType.SUCCESS] });
        Assert.Contains(search.Results, e => e.Id == execution.Id);
    }

    [Fact]
    public async Task The_iterations_of_a_loop_are_listed_by_their_parent()
    {
        await Client.Flows.CreateAsync("""
            id: loop
            namespace: client.loop
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: [a, b, c]
                tasks:
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ item.value }}"
            """);

        var execution = await Client.Executions.RunAsync("client.loop", "loop", new ExecutionInputs(), wait: true);
        var iterations = await Client.Executions.SearchAsync(new ExecutionQuery { ParentId = execution.Id });
        var others = await Client.Executions.SearchAsync(new ExecutionQuery { Namespace = "client.loop" });

        Assert.Equal(StateType.SUCCESS, execution.State.Current);
        Assert.Equal(3, iterations.Results.Count);
        Assert.All(iterations.Results, i => Assert.Equal(("LOOP", execution.Id), (i.Kind, i.ParentId)));
        Assert.Equal(["a", "b", "c"], iterations.Results.Select(i => i.LoopRun!.Value.GetProperty("value").GetString()).Order());
        Assert.Equal([execution.Id], others.Results.Select(e => e.Id));
    }

    [Fact]
    public async Task Follow_yields_each_change_until_the_end_and_logs_follow_too()
    {
        await Client.Flows.CreateAsync("""
            id: steps
            namespace: client.follow
            tasks:
              - id: one
                type: io.kestra.plugin.core.log.Log
                message: first
              - id: two
                type: io.kestra.plugin.core.log.Log
                message: second
            """);

        var started = await Client.Executions.RunAsync("client.follow", "steps");
        var states = new List<StateType>();
        await foreach (var change in Client.Executions.FollowAsync(started.Id))
        {
            states.Add(change.State.Current);
        }

        var messages = new List<string>();
        await foreach (var log in Client.Logs.FollowAsync(started.Id))
        {
            messages.Add(log.Message);
        }

        Assert.Equal(StateType.SUCCESS, states[^1]);
        Assert.Equal(["first", "second"], messages);
        Assert.Equal(StateType.SUCCESS, (await Client.Executions.WaitAsync(started.Id)).State.Current);
    }

    [Fact]
    public async Task Kill_restart_and_cancellation()
    {
        await Client.Flows.CreateAsync("""
            id: slow
            namespace: client.kill
            tasks:
              - id: nap
                type: io.kestra.plugin.core.flow.Sleep
                duration: PT60S
            """);
        var execution = await Client.Executions.RunAsync("client.kill", "slow");

        // Cancelling a follow stops it at once, while the execution goes on.
        using var cancel = new CancellationTokenSource();
        var follow = Task.Run(async () =>
        {
            await foreach (var change in Client.Executions.FollowAsync(execution.Id, cancel.Token))
            {
                if (change.State.Current == StateType.RUNNING)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);

        await Client.Executions.KillAsync(execution.Id);
        var killed = await Client.Executions.WaitAsync(execution.Id);
        Assert.Equal(StateType.KILLED, killed.State.Current);

        // A KILLED execution is not restarted: refused with Kestra's error body (422, as Kestra answers).
        var refused = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Executions.RestartAsync(execution.Id));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotNull(refused.Error);

        await Client.Executions.DeleteAsync(execution.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MerlinApiException>(() => Client.Executions.GetAsync(execution.Id))).StatusCode);
    }

    [Fact]
    public async Task Restart_of_a_failed_execution_runs_again()
    {
        await Client.Flows.CreateAsync("""
            id: flaky
            namespace: client.restart
            tasks:
              - id: fail
                type: io.kestra.plugin.core.execution.Fail
            """);
        var failed = await Client.Executions.RunAsync("client.restart", "flaky", wait: true);
        Assert.Equal(StateType.FAILED, failed.State.Current);

        var restarted = await Client.Executions.RestartAsync(failed.Id);

        Assert.Equal(failed.Id, restarted.Id);
        Assert.Equal(StateType.FAILED, (await Client.Executions.WaitAsync(failed.Id)).State.Current);
        Assert.Contains((await Client.Executions.GetAsync(failed.Id)).State.Histories, h => h.State == StateType.RESTARTED);
    }
}
