using System.Text;
using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IFileStorage"/> backend must do; subclass once per backend.</summary>
public abstract class FileStorageContract : IAsyncLifetime
{
    private IFileStorage? storage;

    protected static CancellationToken None => CancellationToken.None;

    protected IFileStorage Storage => storage ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IFileStorage> CreateStorageAsync();

    [Fact]
    public async Task Put_then_get_returns_the_content()
    {
        var uri = await Put("kestra:///company/team/hello/executions/e1/file.txt", "hello é");

        Assert.Equal("kestra:///company/team/hello/executions/e1/file.txt", uri);
        Assert.Equal("hello é", await Read(uri));
        Assert.True(await Storage.ExistsAsync(uri, None));
        Assert.Equal(Encoding.UTF8.GetByteCount("hello é"), await Storage.SizeAsync(uri, None));
    }

    [Fact]
    public async Task Put_replaces_an_existing_file()
    {
        await Put("kestra:///a/file.txt", "a much longer first version");
        await Put("kestra:///a/file.txt", "short");

        Assert.Equal("short", await Read("kestra:///a/file.txt"));
    }

    [Fact]
    public async Task Missing_file_is_reported()
    {
        Assert.False(await Storage.ExistsAsync("kestra:///missing.txt", None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Storage.GetAsync("kestra:///missing.txt", None));
        Assert.False(await Storage.DeleteAsync("kestra:///missing.txt", None));
    }

    [Fact]
    public async Task Delete_removes_the_file()
    {
        await Put("kestra:///a/file.txt", "x");

        Assert.True(await Storage.DeleteAsync("kestra:///a/file.txt", None));
        Assert.False(await Storage.ExistsAsync("kestra:///a/file.txt", None));
    }

    [Fact]
    public async Task Delete_prefix_removes_every_file_below_it()
    {
        await Put("kestra:///ns/flow/executions/e1/a.txt", "a");
        await Put("kestra:///ns/flow/executions/e1/sub/b.txt", "b");
        await Put("kestra:///ns/flow/executions/e10/c.txt", "c");

        Assert.Equal(2, await Storage.DeletePrefixAsync("kestra:///ns/flow/executions/e1", None));
        Assert.False(await Storage.ExistsAsync("kestra:///ns/flow/executions/e1/sub/b.txt", None));
        Assert.True(await Storage.ExistsAsync("kestra:///ns/flow/executions/e10/c.txt", None));
        Assert.Equal(0, await Storage.DeletePrefixAsync("kestra:///nothing/here", None));
    }

    [Fact]
    public async Task List_answers_every_file_and_folder_below_a_prefix_with_sizes()
    {
        await Put("kestra:///ns/_files/a.txt", "abc");
        await Put("kestra:///ns/_files/dir/b c.txt", "b");
        await Put("kestra:///ns/other.txt", "not below");
        await Storage.CreateDirectoryAsync("kestra:///ns/_files/empty", None);

        var entries = await Storage.ListAsync("kestra:///ns/_files", None);

        Assert.Equal(
            ["kestra:///ns/_files/a.txt", "kestra:///ns/_files/dir", "kestra:///ns/_files/dir/b%20c.txt", "kestra:///ns/_files/empty"],
            entries.Select(e => e.Uri).Order(StringComparer.Ordinal));
        Assert.Equal(3, entries.Single(e => e.Uri.EndsWith("a.txt", StringComparison.Ordinal)).Size);
        Assert.True(entries.Single(e => e.Uri.EndsWith("/empty", StringComparison.Ordinal)).IsDirectory);
        Assert.Equal("b", await Read(entries.Single(e => e.Uri.EndsWith("c.txt", StringComparison.Ordinal)).Uri));
        Assert.Empty(await Storage.ListAsync("kestra:///missing/folder", None));
    }

    [Theory]
    [InlineData("kestra:///../outside.txt")]
    [InlineData("kestra:///a/../../outside.txt")]
    [InlineData("kestra:///a/%2e%2e/%2E%2E/outside.txt")]
    [InlineData("kestra:///a/..%2foutside.txt")]
    [InlineData("kestra:///a\\..\\..\\outside.txt")]
    [InlineData("file:///etc/passwd")]
    [InlineData("kestra:///")]
    public async Task Paths_that_could_escape_are_refused(string uri)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.PutAsync(uri, new MemoryStream([1]), None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.GetAsync(uri, None));
    }

    protected async Task<string> Put(string uri, string content) =>
        await Storage.PutAsync(uri, new MemoryStream(Encoding.UTF8.GetBytes(content)), None);

    protected async Task<string> Read(string uri)
    {
        await using var stream = await Storage.GetAsync(uri, None);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
