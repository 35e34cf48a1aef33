using System.Net;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;
using static Merlin.Server.Tests.Scripts.ScriptRuns;

namespace Merlin.Server.Tests.Scripts;

/// <summary>Script tasks run real bash, python3 and node through flows posted to a real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class ScriptTaskApiTests(MerlinServer server)
{
    [Fact]
    public async Task A_shell_output_line_feeds_the_next_tasks_template_and_other_lines_are_logged()
    {
        await server.CreateFlowAsync("""
            id: shell_outputs
            namespace: tests.scripts
            tasks:
              - id: shell
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands:
                  - echo "hello from $0"
                  - echo '::{"outputs":{"count":2,"name":"first"}}::'
                  - echo '::{"outputs":{"name":"second"},"logs":[{"level":"WARN","message":"careful"}]}::'
              - id: next
                type: io.kestra.plugin.core.debug.Return
                format: "{{ outputs.shell.vars.name }} {{ outputs.shell.vars.count + 1 }} {{ outputs.shell.exitCode }}"
            """);

        var end = await server.ExecuteAsync("tests.scripts", "shell_outputs");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal("second 3 0", (string?)Outputs(end, "next")["value"]);
        var logs = (await server.GetJsonAsync($"api/v1/logs/{end["id"]}")).AsArray();
        Assert.Contains(logs, l => (string?)l!["message"] == "hello from /bin/sh" && (string?)l["level"] == "INFO");
        Assert.Contains(logs, l => (string?)l!["message"] == "careful" && (string?)l["level"] == "WARN");
        Assert.DoesNotContain(logs, l => ((string?)l!["message"])!.Contains("::{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_python_script_reads_an_input_file_and_writes_an_output_file_a_later_task_reads()
    {
        await server.CreateFlowAsync("""
            id: python_files
            namespace: tests.scripts
            tasks:
              - id: py
                type: io.kestra.plugin.scripts.python.Script
                containerImage: python:3.13-slim
                inputFiles:
                  data/in.txt: "hello {{ flow.id }}"
                outputFiles:
                  - out.txt
                script: |
                  import json, os
                  text = open("data/in.txt").read()
                  open("out.txt", "w").write(text.upper())
                  flag = true
                  print("::" + json.dumps({"outputs": {"length": len(text), "flag": flag, "dir": os.environ["WORKING_DIR"] == os.getcwd()}}) + "::")
              - id: read
                type: io.kestra.plugin.core.debug.Return
                format: "{{ read(outputs.py.outputFiles['out.txt']) }}"
            """);

        var end = await server.ExecuteAsync("tests.scripts", "python_files");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal("HELLO PYTHON_FILES", (string?)Outputs(end, "read")["value"]);
        var vars = Outputs(end, "py")["vars"]!;
        Assert.Equal(18, (int)vars["length"]!);
        Assert.True((bool)vars["flag"]!);
        Assert.True((bool)vars["dir"]!);
        Assert.Equal(["out.txt"], Outputs(end, "py")["outputFiles"]!.AsObject().Select(p => p.Key));

        // The container image is not used, and the run says so once.
        var logs = await server.LogsAsync((string)end["id"]!);
        Assert.Single(logs.Split('\n'), l => l.Contains("no container runner", StringComparison.Ordinal) && l.Contains("python:3.13-slim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_script_and_node_commands_run_with_node()
    {
        await server.CreateFlowAsync("""
            id: node_runs
            namespace: tests.scripts
            tasks:
              - id: script
                type: io.kestra.plugin.scripts.node.Script
                script: |
                  console.log('::' + JSON.stringify({outputs: {sum: [1, 2, 3].reduce((a, b) => a + b)}}) + '::');
              - id: commands
                type: io.kestra.plugin.scripts.node.Commands
                inputFiles:
                  main.js: "console.log('::{\"outputs\":{\"from\":\"' + process.argv[2] + '\"}}::')"
                commands:
                  - node main.js {{ outputs.script.vars.sum }}
            """);

        var end = await server.ExecuteAsync("tests.scripts", "node_runs");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(6, (int)Outputs(end, "script")["vars"]!["sum"]!);
        Assert.Equal("6", (string?)Outputs(end, "commands")["vars"]!["from"]);
    }

    [Fact]
    public async Task A_line_on_stderr_makes_a_warning_unless_warning_on_stderr_is_off()
    {
        await server.CreateFlowAsync("""
            id: stderr_warning
            namespace: tests.scripts
            tasks:
              - id: warns
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo "on stderr" >&2
              - id: quiet
                type: io.kestra.plugin.scripts.shell.Commands
                warningOnStdErr: false
                commands:
                  - echo "on stderr too" >&2
            """);

        var end = await server.ExecuteAsync("tests.scripts", "stderr_warning");

        Assert.Equal("WARNING", (string?)end["state"]!["current"]);
        Assert.Equal("WARNING", State(end, "warns"));
        Assert.Equal("SUCCESS", State(end, "quiet"));
        var logs = (await server.GetJsonAsync($"api/v1/logs/{end["id"]}")).AsArray();
        Assert.Contains(logs, l => (string?)l!["message"] == "on stderr" && (string?)l["level"] == "ERROR");
    }

    [Fact]
    public async Task A_non_zero_exit_fails_the_task_run_and_keeps_exit_code_vars_and_files()
    {
        await server.CreateFlowAsync("""
            id: exit_three
            namespace: tests.scripts
            tasks:
              - id: fails
                type: io.kestra.plugin.scripts.shell.Commands
                outputFiles:
                  - "*.log"
                commands:
                  - echo '::{"outputs":{"before":"exit"}}::'
                  - echo partial > run.log
                  - exit 3
                  - echo never
            """);

        var end = await server.ExecuteAsync("tests.scripts", "exit_three");

        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        var outputs = Outputs(end, "fails");
        Assert.Equal(3, (int)outputs["exitCode"]!);
        Assert.Equal("exit", (string?)outputs["vars"]!["before"]);
        Assert.Equal("partial\n", await DownloadAsync(server, end, (string)outputs["outputFiles"]!["run.log"]!));
        var logs = await server.LogsAsync((string)end["id"]!);
        Assert.Contains("Command failed with exit code 3", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("never", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_fast_off_runs_every_command_and_the_last_exit_code_counts()
    {
        await server.CreateFlowAsync("""
            id: no_fail_fast
            namespace: tests.scripts
            tasks:
              - id: goes_on
                type: io.kestra.plugin.scripts.shell.Commands
                failFast: false
                beforeCommands:
                  - export GREETING=hi
                commands:
                  - "false"
                  - echo "$GREETING after"
            """);

        var end = await server.ExecuteAsync("tests.scripts", "no_fail_fast");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Contains("hi after", await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_ends_the_whole_process_tree()
    {
        var marker = "3000." + Random.Shared.Next(100_000, 999_999);
        await server.CreateFlowAsync($"""
            id: script_timeout
            namespace: tests.scripts
            tasks:
              - id: slow
                type: io.kestra.plugin.scripts.shell.Commands
                timeout: PT1S
                commands:
                  - sleep {marker} &
                  - sleep {marker}
            """);

        var end = await server.ExecuteAsync("tests.scripts", "script_timeout");

        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.Contains("Timeout after", await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
        Assert.Empty(await ProcessTable.GoneAsync(marker, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_kill_ends_the_whole_process_tree()
    {
        var marker = "3000." + Random.Shared.Next(100_000, 999_999);
        await server.CreateFlowAsync($"""
            id: script_kill
            namespace: tests.scripts
            tasks:
              - id: slow
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - sleep {marker} &
                  - echo started
                  - sleep {marker}
            """);
        var id = (string)(await server.ExecuteAsync("tests.scripts", "script_kill", query: ""))["id"]!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ProcessTable.With(marker).Count < 2 || !(await server.LogsAsync(id)).Contains("started", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the script did not start");
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"api/v1/executions/{id}/kill")).StatusCode);

        Assert.Equal("KILLED", (string?)(await server.WaitEndAsync(id))["state"]!["current"]);
        Assert.Empty(await ProcessTable.GoneAsync(marker, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task In_a_working_directory_the_second_script_reads_the_first_ones_file()
    {
        await server.CreateFlowAsync("""
            id: shared_scripts
            namespace: tests.scripts
            tasks:
              - id: dir
                type: io.kestra.plugin.core.flow.WorkingDirectory
                tasks:
                  - id: write
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "from write" > shared.txt
                  - id: read
                    type: io.kestra.plugin.scripts.python.Commands
                    commands:
                      - python -c 'print("::{\"outputs\":{\"text\":\"" + open("shared.txt").read().strip() + "\"}}::")'
            """);

        var end = await server.ExecuteAsync("tests.scripts", "shared_scripts");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal("from write", (string?)Outputs(end, "read")["vars"]!["text"]);
    }

    [Fact]
    public async Task A_kestra_uri_in_a_command_is_copied_in_and_replaced_by_its_local_path()
    {
        await server.CreateFlowAsync("""
            id: uri_in_command
            namespace: tests.scripts
            tasks:
              - id: make
                type: io.kestra.plugin.scripts.shell.Commands
                outputFiles:
                  - made.csv
                commands:
                  - printf 'a,b\n1,2\n' > made.csv
              - id: use
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo "::{\"outputs\":{\"lines\":$(wc -l < {{ outputs.make.outputFiles['made.csv'] }}),\"env\":\"$MY_VAR\"}}::"
                env:
                  MY_VAR: "{{ flow.namespace }}"
            """);

        var end = await server.ExecuteAsync("tests.scripts", "uri_in_command");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(2, (int)Outputs(end, "use")["vars"]!["lines"]!);
        Assert.Equal("tests.scripts", (string?)Outputs(end, "use")["vars"]!["env"]);
    }

    [Fact]
    public async Task Kv_set_through_the_api_is_read_by_kv_in_a_script()
    {
        using var put = new StringContent("\"from the api\"", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync("api/v1/namespaces/tests.scripts/kv/script_key", put)).StatusCode);
        await server.CreateFlowAsync("""
            id: kv_script
            namespace: tests.scripts
            tasks:
              - id: echo
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo '::{"outputs":{"value":"{{ kv('script_key') }}"}}::'
            """);

        var end = await server.ExecuteAsync("tests.scripts", "kv_script");

        Assert.Equal("from the api", (string?)Outputs(end, "echo")["vars"]!["value"]);
    }

    [Fact]
    public async Task An_invalid_output_line_is_a_warning_and_the_task_still_succeeds()
    {
        await server.CreateFlowAsync("""
            id: bad_output_line
            namespace: tests.scripts
            tasks:
              - id: bad
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - "echo '::{\"outputs\": nope}::'"
            """);

        var end = await server.ExecuteAsync("tests.scripts", "bad_output_line");

        Assert.Equal("SUCCESS", State(end, "bad"));
        var logs = (await server.GetJsonAsync($"api/v1/logs/{end["id"]}")).AsArray();
        Assert.Contains(logs, l => ((string?)l!["message"])!.StartsWith("Invalid output line", StringComparison.Ordinal) && (string?)l["level"] == "WARN");
    }

    [Fact]
    public async Task A_task_runner_merlin_cannot_provide_is_refused_when_the_flow_is_saved()
    {
        var response = await server.PostYamlAsync("api/v1/flows", """
            id: kubernetes_runner
            namespace: tests.scripts
            tasks:
              - id: k8s
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.ee.kubernetes.runner.Kubernetes
                commands:
                  - echo hi
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is not available in Merlin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deprecated_bash_task_and_shell_script_run_with_their_own_properties()
    {
        await server.CreateFlowAsync("""
            id: old_and_script
            namespace: tests.scripts
            tasks:
              - id: bash
                type: io.kestra.core.tasks.scripts.Bash
                runner: DOCKER
                interpreter: /bin/bash
                interpreterArgs: ["-c"]
                commands:
                  - echo "$BASH_VERSION" | grep -q . && echo bash
                  - echo line two
              - id: script
                type: io.kestra.plugin.scripts.shell.Script
                script: |
                  for i in 1 2; do
                    echo "::{\"outputs\":{\"last\":$i}}::"
                  done
            """);

        var end = await server.ExecuteAsync("tests.scripts", "old_and_script");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(2, (int)Outputs(end, "bash")["stdOutLineCount"]!);
        Assert.Equal(0, (int)Outputs(end, "bash")["stdErrLineCount"]!);
        Assert.Equal(2, (int)Outputs(end, "script")["vars"]!["last"]!);
        Assert.Contains("no container runner", await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
    }
}
