using System.Globalization;
using System.Text;
using Merlin.Core.Json;
using Merlin.Sdk.Values;
using Xunit;

namespace Merlin.Core.Tests.Json;

/// <summary>The hand-written date and duration formats write exactly what the runtime's custom patterns write.</summary>
public sealed class FastFormatTests
{
    public static TheoryData<long> Ticks => [0, 1, 9, 10, 10_000, 1_234_567, 10_000_000, 12_345_678, 600_000_000, 9_999_999_999_999];

    [Theory]
    [MemberData(nameof(Ticks))]
    public void Durations_match_the_custom_numeric_pattern(long ticks) => AssertSeconds(ticks);

    [Fact]
    public void Random_durations_match_the_custom_numeric_pattern()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            AssertSeconds(random.NextInt64(0, 10_000_000_000_000));
        }
    }

    [Fact]
    public void Durations_out_of_the_fast_range_are_left_to_the_runtime()
    {
        Span<byte> text = stackalloc byte[64];
        Assert.False(StateConverter.TryFormatSeconds(TimeSpan.FromTicks(-1), text, out _));
        Assert.False(StateConverter.TryFormatSeconds(TimeSpan.FromDays(12), text, out _));
    }

    [Fact]
    public void Instants_match_kestras_pattern()
    {
        var random = new Random(7);
        var dates = new List<DateTimeOffset>
        {
            DateTimeOffset.UnixEpoch,
            new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
            new(2026, 11, 30, 12, 0, 0, 500, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1),
            DateTimeOffset.MaxValue,
            new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        for (var i = 0; i < 20_000; i++)
        {
            dates.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero));
        }

        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new InstantConverter() } };
        foreach (var date in dates)
        {
            var expected = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
            Assert.Equal($"\"{expected}\"", System.Text.Json.JsonSerializer.Serialize(date, options));
            Assert.Equal(expected, InstantConverter.Format(date));
        }
    }

    private static void AssertSeconds(long ticks)
    {
        var duration = TimeSpan.FromTicks(ticks);
        Span<byte> text = stackalloc byte[64];
        Assert.True(StateConverter.TryFormatSeconds(duration, text, out var length));
        Assert.Equal(duration.TotalSeconds.ToString("0.000000###", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text[..length]));
    }
}
