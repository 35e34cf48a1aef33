using Merlin.Core.Storage;
using Merlin.Plugins.Storage;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class StorageTaskTests
{
    private readonly FakeTaskRunContext _context = new();

    [Fact]
    public async Task Size_counts_the_bytes_of_a_file()
    {
        var uri = _context.AddFile("a.txt", "hello");

        var result = await new StorageSize { Uri = uri }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(5L, result.Outputs["size"]);
    }

    [Fact]
    public async Task Concat_joins_files_with_the_separator()
    {
        var a = _context.AddFile("a.txt", "a");
        var b = _context.AddFile("b.txt", "b");

        var result = await new StorageConcat { Files = new List<object?> { a, b }, Separator = "\n" }.RunAsync(_context, CancellationToken.None);

        var uri = Assert.IsType<string>(result.Outputs["uri"]);
        Assert.EndsWith(".tmp", uri);
        Assert.Equal("a\nb\n", _context.FileText(uri));
    }

    [Fact]
    public async Task Concat_accepts_a_json_list()
    {
        var a = _context.AddFile("a.txt", "a");

        var result = await new StorageConcat { Files = $"[\"{a}\", \"{a}\"]", Extension = ".csv" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal("aa", _context.FileText((string)result.Outputs["uri"]!));
    }

    [Fact]
    public async Task Reverse_reverses_the_lines()
    {
        var uri = _context.AddFile("l.csv", "1\n2\n3\n");

        var result = await new StorageReverse { From = uri }.RunAsync(_context, CancellationToken.None);

        Assert.Equal("3\n2\n1\n", _context.FileText((string)result.Outputs["uri"]!));
    }

    [Fact]
    public async Task Split_by_rows_and_partitions()
    {
        var uri = _context.AddFile("l.csv", "1\n2\n3\n4\n5\n");

        var byRows = await new StorageSplit { From = uri, Rows = "2" }.RunAsync(_context, CancellationToken.None);
        var byPartitions = await new StorageSplit { From = uri, Partitions = "2" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(["1\n2\n", "3\n4\n", "5\n"], Texts(byRows.Outputs["uris"]));
        Assert.Equal(["1\n3\n5\n", "2\n4\n"], Texts(byPartitions.Outputs["uris"]));
    }

    [Fact]
    public async Task Split_by_bytes_closes_a_file_once_it_reaches_the_size()
    {
        var uri = _context.AddFile("l.txt", "aa\nbb\ncc\n");

        var result = await new StorageSplit { From = uri, Bytes = "5" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(["aa\nbb\n", "cc\n"], Texts(result.Outputs["uris"]));
    }

    [Theory]
    [InlineData("1024", 1024)]
    [InlineData("10KB", 10 * 1024)]
    [InlineData("2MB", 2 * 1024 * 1024)]
    public void DataSize_parses_readable_sizes(string text, long expected) => Assert.Equal(expected, DataSize.Parse(text));

    private List<string> Texts(object? uris) => Assert.IsAssignableFrom<IEnumerable<string>>(uris).Select(_context.FileText).ToList();
}
