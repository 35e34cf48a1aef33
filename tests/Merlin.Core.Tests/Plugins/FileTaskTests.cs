using Merlin.Core.Storage;
using Merlin.Core.Tasks;
using Merlin.Plugins.Execution;
using Merlin.Plugins.State;
using Merlin.Plugins.Storage;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

/// <summary>LocalFiles, ForEachItem's split and merge steps, task state and Resume, on a fake run context.</summary>
public sealed class FileTaskTests
{
    private readonly FakeTaskRunContext _context = new();

    [Fact]
    public async Task LocalFiles_stores_the_input_files_matching_the_output_globs()
    {
        var copied = _context.AddFile("source.txt", "from storage");
        var task = new LocalFiles
        {
            Inputs = new Dictionary<string, object?> { ["out/a.txt"] = "A", ["out/b.txt"] = copied, ["other.txt"] = "O" },
            Outputs = ["out/*"],
        };

        var uris = (IReadOnlyDictionary<string, object?>)(await task.RunAsync(_context, CancellationToken.None)).Outputs["uris"]!;

        Assert.Equal(["out/a.txt", "out/b.txt"], uris.Keys.Order());
        Assert.Equal("A", _context.FileText((string)uris["out/a.txt"]!));
        Assert.Equal("from storage", _context.FileText((string)uris["out/b.txt"]!));
    }

    [Fact]
    public async Task LocalFiles_stores_files_a_sibling_left_in_the_working_directory_and_refuses_paths_outside_it()
    {
        var shared = Directory.CreateTempSubdirectory("merlin-test-").FullName;
        try
        {
            _context.WorkingDirectory = shared;
            await new LocalFiles { Inputs = new Dictionary<string, object?> { ["out/stay.txt"] = "kept" } }.RunAsync(_context, CancellationToken.None);

            var uris = (IReadOnlyDictionary<string, object?>)(await new LocalFiles { Outputs = ["out/*"] }.RunAsync(_context, CancellationToken.None)).Outputs["uris"]!;

            Assert.Equal("kept", _context.FileText((string)uris["out/stay.txt"]!));
            var escape = new LocalFiles { Inputs = new Dictionary<string, object?> { ["../escaped.txt"] = "no" } };
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => escape.RunAsync(_context, CancellationToken.None));
            Assert.Contains("outside the working directory", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(shared, "..", "escaped.txt")));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    [Fact]
    public async Task ForEachItem_split_writes_batches_of_rows_and_lists_them()
    {
        var items = _context.AddFile("items.txt", "1\n2\n3\n4\n5\n");
        _context.Renders["{{ inputs.file }}"] = items;
        var split = new ForEachItemSplit { Id = "each_split", Type = ForEachItemSplit.KestraType, Items = "{{ inputs.file }}", Batch = new() { ["rows"] = 2 } };

        var splits = (string)(await split.RunAsync(_context, CancellationToken.None)).Outputs["splits"]!;

        var batches = _context.FileText(splits).Split('\n');
        Assert.Equal(3, batches.Length);
        Assert.Equal(["1\n2\n", "3\n4\n", "5\n"], batches.Select(_context.FileText));
        Assert.All(batches, b => Assert.EndsWith(".txt", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForEachItem_split_refuses_items_outside_internal_storage()
    {
        var split = new ForEachItemSplit { Id = "each_split", Type = ForEachItemSplit.KestraType, Items = "/etc/passwd" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => split.RunAsync(_context, CancellationToken.None));

        Assert.Contains("this is not an internal storage URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForEachItem_merge_concatenates_the_subflow_outputs_in_iteration_order()
    {
        _context.Files.Stored["kestra:///base/1/outputs.ion"] = "{\"value\":\"a\"}\n"u8.ToArray();
        _context.Files.Stored["kestra:///base/3/outputs.ion"] = "{\"value\":\"c\"}\n"u8.ToArray();
        _context.Renders["{{ outputs['each_items'] ?? null }}"] = new Dictionary<string, object?> { ["numberOfBatches"] = 3, ["subflowOutputsBaseUri"] = "/base" };
        var merge = new ForEachItemMergeOutputs { Id = "each_merge", Type = ForEachItemMergeOutputs.KestraType };

        var merged = (string)(await merge.RunAsync(_context, CancellationToken.None)).Outputs["subflowOutputs"]!;

        Assert.Equal("{\"value\":\"a\"}\n{\"value\":\"c\"}\n", _context.FileText(merged));
    }

    [Fact]
    public async Task State_set_merges_get_reads_and_delete_removes()
    {
        await new StateSet { Name = "s", Data = new() { ["a"] = 1 } }.RunAsync(_context, CancellationToken.None);
        var set = await new StateSet { Name = "s", Data = new() { ["b"] = "2" } }.RunAsync(_context, CancellationToken.None);
        var got = await new StateGet { Name = "s" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(2, set.Outputs["count"]);
        Assert.Equal("flow_states_tasks-states_s", set.Outputs["key"]);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "2" }, got.Outputs["data"]);
        Assert.Equal(true, (await new StateDelete { Name = "s" }.RunAsync(_context, CancellationToken.None)).Outputs["deleted"]);
        Assert.Equal(0, (await new StateGet { Name = "s" }.RunAsync(_context, CancellationToken.None)).Outputs["count"]);
        await Assert.ThrowsAsync<FileNotFoundException>(() => new StateGet { Name = "s", ErrorOnMissing = true }.RunAsync(_context, CancellationToken.None));
    }

    [Fact]
    public async Task Resume_asks_the_runtime_to_resume_the_given_execution_with_its_inputs()
    {
        await new Resume { ExecutionId = "paused-id", Inputs = new() { ["approved"] = "yes" } }.RunAsync(_context, CancellationToken.None);

        var (id, inputs) = Assert.Single(_context.Executions.Resumed);
        Assert.Equal("paused-id", id);
        Assert.Equal("yes", inputs!["approved"]);
    }
}
