using System.Net;
using System.Text;

namespace Merlin.Client.Tests;

public sealed class NamespaceFilesClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    [Fact]
    public async Task Upload_list_download_move_search_and_delete()
    {
        await Client.NamespaceFiles.UploadAsync("client.files", "/dir/a.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")));
        await Client.NamespaceFiles.CreateDirectoryAsync("client.files", "/empty");

        var root = await Client.NamespaceFiles.ListAsync("client.files");
        var file = (await Client.NamespaceFiles.ListAsync("client.files", "/dir")).Single();
        var stats = await Client.NamespaceFiles.StatsAsync("client.files", "/dir/a.txt");

        Assert.Equal([("dir", "Directory"), ("empty", "Directory")], root.Select(e => (e.FileName, e.Type)).Order());
        Assert.Equal(("a.txt", "File", 5L), (file.FileName, file.Type, file.Size));
        Assert.Equal(file.LastModifiedTime, stats.LastModifiedTime);
        Assert.Equal("hello", Encoding.UTF8.GetString(await Client.NamespaceFiles.DownloadAsync("client.files", "/dir/a.txt")));

        await Client.NamespaceFiles.MoveAsync("client.files", "/dir/a.txt", "/dir/b.txt");
        Assert.Equal(["/dir/b.txt"], await Client.NamespaceFiles.SearchAsync("client.files", "b.txt"));

        await Client.NamespaceFiles.DeleteAsync("client.files", "/dir/b.txt");
        var missing = await Assert.ThrowsAsync<MerlinApiException>(() => Client.NamespaceFiles.StatsAsync("client.files", "/dir/b.txt"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
