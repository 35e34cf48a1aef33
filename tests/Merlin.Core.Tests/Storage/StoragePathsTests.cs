using Merlin.Core.Storage;
using Xunit;

namespace Merlin.Core.Tests.Storage;

public sealed class StoragePathsTests
{
    [Theory]
    [InlineData("report.csv", "report.csv")]
    [InlineData("%2e%2e%2fx.txt", "_2e_2e_2fx.txt")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..", "file")]
    [InlineData(".hidden", "hidden")]
    [InlineData("a\0b.txt", "a_b.txt")]
    [InlineData("été 2024.pdf", "été_2024.pdf")]
    [InlineData("%%%", "file")]
    public void A_client_file_name_becomes_one_safe_uri_segment(string fileName, string expected)
    {
        Assert.Equal(expected, StoragePaths.SafeName(fileName));
    }

    [Fact]
    public void A_long_name_is_cut_to_100_characters_keeping_its_extension()
    {
        var name = StoragePaths.SafeName(new string('a', 300) + ".tar");

        Assert.Equal(100, name.Length);
        Assert.EndsWith("a.tar", name, StringComparison.Ordinal);
    }
}
