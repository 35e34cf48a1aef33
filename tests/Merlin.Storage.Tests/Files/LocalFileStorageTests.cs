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
    public void A_full_disk_is_recognised_from_the_file_system_error()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        var error = Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[4096]);
            full.Flush();
        });

        var fault = StorageFaultException.From(error);

        Assert.NotNull(fault);
        Assert.True(fault.DiskFull);
        Assert.Same(error, fault.InnerException);
        Assert.Null(StorageFaultException.From(new FileNotFoundException("missing")));
    }

    [Fact]
    public async Task A_probe_writes_for_real_and_leaves_nothing_behind()
    {
        var health = new StoreHealth(TimeProvider.System);
        var storage = new LocalFileStorage(directory.Path, health);

        await storage.ProbeAsync(CancellationToken.None);

        Assert.Equal("files", storage.Name);
        Assert.Empty(Directory.EnumerateFiles(storage.TempDirectory));
        Assert.False(Directory.Exists(storage.RootDirectory)); // never inside the storage that listings see
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
