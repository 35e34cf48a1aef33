using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Storage;
using Xunit;

namespace Merlin.Runtime.Tests.Executions;

/// <summary>The one storage access rule, case by case (the HTTP tests run it through every task and function).</summary>
public sealed class ExecutionFileAccessTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Dictionary<string, Execution> stored = [];
    private readonly ExecutionFileAccess access;
    private readonly Execution current = New("company.team", "flow", "Current1");

    public ExecutionFileAccessTests() =>
        access = new ExecutionFileAccess(new LocalFileStorage(Path.Combine(Path.GetTempPath(), "merlin-access-" + Guid.NewGuid().ToString("N"))), new Repository(stored));

    [Theory]
    [InlineData("kestra:///company/team/flow/executions/Current1/tasks/t/r/out.txt")]
    [InlineData("kestra:///company/team/flow/executions/Current1/inputs/file/data.csv")]
    [InlineData("kestra:///company/team/_files/scripts/run.sh")]
    public async Task The_execution_reaches_its_own_files_and_its_namespace_files(string uri) =>
        await access.EnsureAllowedAsync(current, uri, "read", None);

    [Theory]
    [InlineData("kestra:///other/team/flow/executions/Other1/inputs/file/data.csv")]
    [InlineData("kestra:///company/team/flow/executions/Sibling1/tasks/t/r/out.txt")] // same flow, another execution
    [InlineData("kestra:///company/team/other/executions/Current1/tasks/t/r/out.txt")] // same id under another flow
    [InlineData("kestra:///company/team/_files/f/executions/Other1/x.txt")] // namespace company.team._files's execution
    [InlineData("kestra:///company%2Fteam/flow/executions/Current1/x.txt")] // another spelling of its own prefix
    [InlineData("KESTRA:///company/team/flow/executions/Current1/x.txt")]
    [InlineData("kestra:///other/_files/secret.txt")]
    [InlineData("file:///etc/passwd")]
    public async Task Anything_else_is_refused_with_a_clear_message(string uri)
    {
        var refused = await Assert.ThrowsAsync<FileAccessDeniedException>(() => access.EnsureAllowedAsync(current, uri, "delete", None));

        Assert.Equal($"Unable to delete the file '{uri}' as it doesn't belong to the current execution, its parent or subflow executions, or namespace 'company.team'", refused.Message);
    }

    [Fact]
    public async Task A_subflow_reaches_the_files_of_the_execution_that_started_it()
    {
        var child = New("other.team", "child", "Child1") with
        {
            ParentId = "Parent1",
            Trigger = new ExecutionTrigger("call", "io.kestra.plugin.core.flow.Subflow", new Dictionary<string, object?>
            {
                ["executionId"] = "Parent1",
                ["namespace"] = "company.team",
                ["flowId"] = "boss",
            }),
        };

        await access.EnsureAllowedAsync(child, "kestra:///company/team/boss/executions/Parent1/inputs/file/a.txt", "read", None);
        await Assert.ThrowsAsync<FileAccessDeniedException>(() => access.EnsureAllowedAsync(child, "kestra:///company/team/boss/executions/Parent2/inputs/file/a.txt", "read", None));
    }

    [Fact]
    public async Task A_parent_reaches_the_files_of_its_own_subflows_only()
    {
        stored["Mine1"] = New("other.team", "child", "Mine1") with { ParentId = current.Id };
        stored["Theirs1"] = New("other.team", "child", "Theirs1") with { ParentId = "Someone1" };

        await access.EnsureAllowedAsync(current, "kestra:///other/team/child/executions/Mine1/tasks/t/r/out.txt", "read", None);
        await Assert.ThrowsAsync<FileAccessDeniedException>(() => access.EnsureAllowedAsync(current, "kestra:///other/team/child/executions/Theirs1/tasks/t/r/out.txt", "read", None));

        // The id must sit under the child's own folder, not under any path that mentions it.
        await Assert.ThrowsAsync<FileAccessDeniedException>(() => access.EnsureAllowedAsync(current, "kestra:///victim/ns/flow/executions/Mine1/tasks/t/r/out.txt", "read", None));
    }

    private static Execution New(string @namespace, string flowId, string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new Execution
        {
            Id = id,
            Namespace = @namespace,
            FlowId = flowId,
            FlowRevision = 1,
            State = State.Create(now, StateType.RUNNING),
            OriginalId = id,
            Metadata = new ExecutionMetadata(1, now),
        };
    }

    /// <summary>Only look-ups by id are needed by the rule.</summary>
    private sealed class Repository(Dictionary<string, Execution> stored) : IExecutionRepository
    {
        public Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(stored.GetValueOrDefault(id));

        public Task SaveAsync(Execution execution, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
