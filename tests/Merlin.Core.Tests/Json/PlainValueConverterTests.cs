using System.Text.Json;
using Merlin.Core.Json;
using Xunit;

namespace Merlin.Core.Tests.Json;

public sealed class PlainValueConverterTests
{
    [Fact]
    public void Integers_stay_long_and_decimals_double()
    {
        using var document = JsonDocument.Parse("[1, 2.5]");

        var values = Assert.IsType<List<object?>>(PlainValueConverter.FromElement(document.RootElement));

        Assert.IsType<long>(values[0]);
        Assert.IsType<double>(values[1]);
    }

    [Fact]
    public void Reading_keeps_integers_long()
    {
        var value = JsonSerializer.Deserialize<object>("{\"n\": 3}", KestraJson.Options);

        var map = Assert.IsAssignableFrom<IDictionary<string, object?>>(value);
        Assert.IsType<long>(map["n"]);
    }
}
