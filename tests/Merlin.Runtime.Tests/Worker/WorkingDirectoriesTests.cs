using Merlin.Core.Executions;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Merlin.Runtime.Tests.Worker;

public sealed class WorkingDirectoriesTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "merlin-wd-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Leftovers_of_a_previous_run_are_removed_at_start_up()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_root, "old")).FullName;
        File.WriteAllText(Path.Combine(leftover, "file.txt"), "stale");

        _ = new WorkingDirectories(_root, NullLogger<WorkingDirectories>.Instance);

        Assert.False(Directory.Exists(leftover));
    }

    [Fact]
    public void A_working_directory_run_keeps_one_directory_for_its_children_until_it_ends()
    {
        var directories = new WorkingDirectories(_root, NullLogger<WorkingDirectories>.Instance);
        var first = Run("first");
        var second = Run("second");
        var execution = Execution(first, second);

        var shared = directories.Shared(execution.Id, first.Id);
        File.WriteAllText(Path.Combine(shared.Path, "from-first-child.txt"), "x");
        var other = directories.Shared(execution.Id, second.Id);

        Assert.Same(shared, directories.Shared(execution.Id, first.Id));
        Assert.True(File.Exists(Path.Combine(directories.Shared(execution.Id, first.Id).Path, "from-first-child.txt")));
        Assert.NotEqual(shared.Path, other.Path);

        directories.Release(execution);
        Assert.True(Directory.Exists(shared.Path), "a running WorkingDirectory keeps its directory");

        directories.Release(execution.WithTaskRun(first.WithState(StateType.SUCCESS, Now)));
        Assert.False(Directory.Exists(shared.Path));
        Assert.True(Directory.Exists(other.Path));
        Assert.NotEqual(shared.Path, directories.Shared(execution.Id, first.Id).Path);

        directories.Release(execution.WithState(StateType.KILLED, Now));
        Assert.False(Directory.Exists(other.Path));
    }

    [Fact]
    public void An_attempt_directory_is_its_own_and_deleted_on_request()
    {
        var directories = new WorkingDirectories(_root, NullLogger<WorkingDirectories>.Instance);

        var one = directories.Private();
        var two = directories.Private();

        Assert.NotEqual(one, two);
        directories.Delete(one);
        Assert.False(Directory.Exists(one));
        Assert.True(Directory.Exists(two));
    }

    private static TaskRun Run(string taskId) => new()
    {
        Id = Ids.Create(),
        ExecutionId = "execution",
        Namespace = "company.team",
        FlowId = "flow",
        TaskId = taskId,
        State = State.Create(Now, StateType.RUNNING),
    };

    private static Execution Execution(params TaskRun[] runs) => new()
    {
        Id = "execution",
        Namespace = "company.team",
        FlowId = "flow",
        FlowRevision = 1,
        State = State.Create(Now, StateType.RUNNING),
        OriginalId = "execution",
        Metadata = new ExecutionMetadata(1, Now),
        TaskRunList = [.. runs],
    };
}
