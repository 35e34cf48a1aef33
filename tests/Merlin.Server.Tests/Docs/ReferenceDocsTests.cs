using Merlin.Server.Cli;
using Merlin.Server.Docs;

namespace Merlin.Server.Tests.Docs;

/// <summary>docs/reference is the generator's output, so the user guide cannot drift from the task definitions.</summary>
public sealed class ReferenceDocsTests
{
    [Fact]
    public void Committed_reference_matches_the_generated_one()
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "reference");
        var generated = ReferenceWriter.Render(DocsCommands.Schema());

        foreach (var (file, text) in generated)
        {
            var path = Path.Combine(directory, file);
            Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/Merlin.Server -- docs generate docs/reference`");
            Assert.True(text == File.ReadAllText(path), $"{path} is stale: run `dotnet run --project src/Merlin.Server -- docs generate docs/reference`");
        }

        Assert.Equal(generated.Keys.Order(), Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Every_registered_type_is_in_the_reference_with_an_example()
    {
        var generated = ReferenceWriter.Render(DocsCommands.Schema());

        Assert.Contains("`io.kestra.plugin.core.log.Log`", generated["tasks.md"]);
        Assert.Contains("type: io.kestra.plugin.core.trigger.Schedule", generated["triggers.md"]);
        Assert.Contains("`io.kestra.plugin.core.condition.ExecutionStatus`", generated["conditions.md"]);
        Assert.Contains("`secret()`", generated["templating.md"]);
        Assert.Contains("`slugify`", generated["templating.md"]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Merlin.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Merlin.slnx not found above " + AppContext.BaseDirectory);
    }
}
