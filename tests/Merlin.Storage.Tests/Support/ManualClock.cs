namespace Merlin.Storage.Tests.Support;

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available offline).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
