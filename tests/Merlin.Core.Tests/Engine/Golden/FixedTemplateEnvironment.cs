using Merlin.Core.Templating;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>The simulated worker's clock and randomness: fixed, so that a recorded report is reproducible.</summary>
internal sealed class FixedTemplateEnvironment(DateTimeOffset now) : ITemplateEnvironment
{
    public DateTimeOffset Now { get; } = now;

    public string Uuid() => "00000000-0000-0000-0000-00000000abcd";

    public string Id() => "worker";

    public long RandomInt(long lower, long upper) => lower;
}
