using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Merlin.Storage.Tests.Contracts;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Files;

public sealed class LocalFileStorageTests : FileStorageContract
{
    private readonly TempDirectory directory = new();

    public override Task DisposeAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Uri_path_maps_under_the_storage_folder_and_leaves_no_temp_file()
    {
        await Put("kestra:///a/b/c.txt", "content");

        Assert.Equal("content", await File.ReadAllTextAsync(Path.Combine(directory.Path, "storage", "a", "b", "c.txt")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(directory.Path, "storage.tmp")));
    }

    [Fact]
    public async Task Percent_encoded_names_are_decoded()
    {
        await Put("kestra:///a/my%20file.txt", "x");

        Assert.True(File.Exists(Path.Combine(directory.Path, "storage", "a", "my file.txt")));
    }

    protected override Task<IFileStorage> CreateStorageAsync() => Task.FromResult<IFileStorage>(new LocalFileStorage(directory.Path));
}
