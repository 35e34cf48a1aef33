using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Executions;

public sealed class IdsTests
{
    [Fact]
    public void A_uuid_is_written_as_kestras_base62_friendly_id()
    {
        // Kestra's FriendlyId of these UUIDs (its IdUtils): the engine's recorded histories depend on the same text.
        Assert.Equal("0", Ids.Of(Guid.Empty));
        Assert.Equal("7n42DGM5Tflk9n8mt7Fhc7", Ids.Of(new Guid(Enumerable.Repeat((byte)0xFF, 16).ToArray())));
        Assert.Equal("1", Ids.Of(new Guid([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])));
        Assert.Equal("z", Ids.Of(new Guid([61, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])));
        Assert.Equal("10", Ids.Of(new Guid([62, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])));
    }

    [Fact]
    public void Ordered_ids_sort_by_creation_time_and_look_like_any_other_id()
    {
        var clock = new StepClock(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(Ids.CreateOrdered(clock));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(200, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9A-Za-z]{21}$", id));
    }

    [Fact]
    public void Ordered_ids_of_one_millisecond_differ()
    {
        var clock = new StepClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.CreateOrdered(clock)).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
    }

    private sealed class StepClock(DateTimeOffset now) : TimeProvider
    {
        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
