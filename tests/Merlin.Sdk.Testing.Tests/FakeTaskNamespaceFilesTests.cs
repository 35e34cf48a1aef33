using Xunit;

namespace Merlin.Sdk.Testing.Tests;

public sealed class FakeTaskNamespaceFilesTests
{
    private readonly FakeTaskNamespaceFiles _files = new();

    [Fact]
    public async Task Lists_files_and_implied_folders_directly_or_recursively_and_deletes_a_folder_with_its_files()
    {
        await Put("/scripts/a.py", "print(1)");
        await Put("scripts/lib/b.py", "x");
        await Put("readme.md", "r");

        var top = await _files.ListAsync("ns", null, recursive: false, CancellationToken.None);
        var all = await _files.ListAsync("ns", "scripts", recursive: true, CancellationToken.None);

        Assert.Equal(["readme.md", "scripts"], top.Select(e => e.Path));
        Assert.True(top.Single(e => e.Path == "scripts").IsDirectory);
        Assert.Equal(["scripts/a.py", "scripts/lib", "scripts/lib/b.py"], all.Select(e => e.Path));
        Assert.Equal(8, (await _files.StatAsync("ns", "/scripts/a.py", CancellationToken.None))!.Size);
        Assert.True(await _files.DeleteAsync("ns", "scripts", CancellationToken.None));
        Assert.Equal(["readme.md"], (await _files.ListAsync("ns", null, recursive: true, CancellationToken.None)).Select(e => e.Path));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _files.OpenAsync("ns", "scripts/a.py", CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_paths_that_leave_the_namespace_and_names_files_by_their_storage_uri()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Put("../escape.txt", "x"));
        Assert.Equal("kestra:///company/team/_files/a/b.txt", _files.Uri("company.team", "/a/b.txt"));
    }

    private async Task Put(string path, string text)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        await _files.PutAsync("ns", path, content, CancellationToken.None);
    }
}
