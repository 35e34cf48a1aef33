using Merlin.Core.Flows;
using Xunit;

namespace Merlin.Core.Tests.Flows;

public sealed class NamespacesTests
{
    [Theory]
    [InlineData("company", "company", true)]
    [InlineData("company", "company.team", true)]
    [InlineData("company", "company.team.a", true)]
    [InlineData("company", "companyx", false)]
    [InlineData("company", "compan", false)]
    [InlineData("company.team", "company", false)]
    public void A_namespace_covers_itself_and_its_children_segment_by_segment(string scope, string @namespace, bool expected) =>
        Assert.Equal(expected, Namespaces.Covers(scope, @namespace));

    [Theory]
    [InlineData("company.team", true)]
    [InlineData("company.a.b", true)]
    [InlineData("companyx", false)]
    [InlineData("company-a", false)]
    [InlineData("company/", false)]
    [InlineData("company", false)]
    public void The_child_range_holds_exactly_the_children(string @namespace, bool expected)
    {
        var (from, to) = Namespaces.ChildRange("company");
        var inRange = string.CompareOrdinal(@namespace, from) >= 0 && string.CompareOrdinal(@namespace, to) < 0;
        Assert.Equal(expected, inRange);
        Assert.Equal(expected, @namespace != "company" && Namespaces.Covers("company", @namespace));
    }
}
