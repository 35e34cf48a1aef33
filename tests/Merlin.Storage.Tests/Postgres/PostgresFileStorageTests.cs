using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Files;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresFileStorageTests : FileStorageContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    [Fact]
    public async Task A_file_of_several_chunks_reads_back_byte_for_byte_and_seeks()
    {
        var content = new byte[(PostgresFileStorage.ChunkSize * 2) + 12345];
        new Random(7).NextBytes(content);

        await Storage.PutAsync("kestra:///big/file.bin", new MemoryStream(content), None);

        Assert.Equal(content.Length, await Storage.SizeAsync("kestra:///big/file.bin", None));
        await using var stream = await Storage.GetAsync("kestra:///big/file.bin", None);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());

        stream.Position = PostgresFileStorage.ChunkSize + 10;
        var tail = new byte[20];
        await stream.ReadExactlyAsync(tail);
        Assert.Equal(content.AsSpan(PostgresFileStorage.ChunkSize + 10, 20).ToArray(), tail);
        Assert.Equal(3L, await Chunks());
    }

    [Fact]
    public async Task Replacing_and_deleting_leave_no_orphan_chunk()
    {
        await Put("kestra:///a/file.txt", "first");
        await Put("kestra:///a/file.txt", "second");
        Assert.Equal(1L, await Chunks());

        await Storage.DeletePrefixAsync("kestra:///a", None);

        Assert.Equal(0L, await Chunks());
    }

    [Fact]
    public async Task An_empty_file_exists_with_size_zero()
    {
        await Storage.PutAsync("kestra:///empty.txt", new MemoryStream(), None);

        Assert.Equal(0, await Storage.SizeAsync("kestra:///empty.txt", None));
        Assert.Equal("", await Read("kestra:///empty.txt"));
    }

    [Fact]
    public async Task Deleting_a_folder_removes_its_empty_folders_too_and_the_root_lists_everything()
    {
        await Storage.CreateDirectoryAsync("kestra:///ns/_files/empty", None);
        await Put("kestra:///ns/_files/a.txt", "a");
        await Put("kestra:///other/b.txt", "b");

        Assert.Equal(
            ["kestra:///ns", "kestra:///ns/_files", "kestra:///ns/_files/a.txt", "kestra:///ns/_files/empty", "kestra:///other", "kestra:///other/b.txt"],
            (await Storage.ListAsync("kestra:///", None)).Select(e => e.Uri).Order(StringComparer.Ordinal));

        Assert.Equal(1, await Storage.DeletePrefixAsync("kestra:///ns/_files", None));

        Assert.Equal(["kestra:///other", "kestra:///other/b.txt"], (await Storage.ListAsync("kestra:///", None)).Select(e => e.Uri).Order(StringComparer.Ordinal));
    }

    protected override async Task<IFileStorage> CreateStorageAsync() => new PostgresFileStorage(await backend.OpenAsync());

    private async Task<long> Chunks() =>
        (await backend.Database.QueryAsync("SELECT COUNT(*) FROM file_chunks", _ => { }, r => r.GetInt64(0), None))[0];
}
