using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Json;

/// <summary>Executions are stored as one KestraJson document, so the document must read back exactly.</summary>
public sealed class ExecutionJsonRoundTripTests
{
    [Fact]
    public void Rich_execution_round_trips_exactly()
    {
        var execution = Samples.Rich();

        var read = KestraJson.Deserialize<Execution>(KestraJson.Serialize(execution));

        Deep.Equal(execution, read);
    }

    [Fact]
    public void Whole_doubles_stay_doubles()
    {
        var json = KestraJson.Serialize(new Dictionary<string, object?> { ["whole"] = 2.0, ["big"] = 1e300, ["negative"] = -3.0 });

        var read = KestraJson.Deserialize<Dictionary<string, object?>>(json);

        Assert.Equal("""{"whole":2.0,"big":1E+300,"negative":-3.0}""", json);
        Deep.Equal(new Dictionary<string, object?> { ["whole"] = 2.0, ["big"] = 1e300, ["negative"] = -3.0 }, read);
    }
}
