using Merlin.Core.Flows;

namespace Merlin.Plugins.Scripts.Tests.Exec;

/// <summary>Kestra's outputFiles rule: a pattern starting with a word character matches at any depth.</summary>
public sealed class OutputFileGlobTests
{
    [Theory]
    [InlineData("out.txt", "out.txt", true)]
    [InlineData("out.txt", "deep/dir/out.txt", true)]
    [InlineData("out.txt", "notout.txt", false)]
    [InlineData("data/*.csv", "data/a.csv", true)]
    [InlineData("data/*.csv", "x/data/a.csv", true)]
    [InlineData("*.txt", "a.txt", true)]
    [InlineData("*.txt", "dir/a.txt", false)]
    [InlineData("**.txt", "dir/a.txt", true)]
    [InlineData("**/*.txt", "a.txt", false)]
    public void Matches(string glob, string path, bool matches) =>
        Assert.Equal(matches, FileGlob.ToOutputRegex(glob).IsMatch(path));
}
