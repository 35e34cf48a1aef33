namespace Merlin.Core.Templating;

/// <summary>
/// What the clock and randomness functions read: <c>now()</c>, <c>uuid()</c>, <c>id()</c>, <c>randomInt()</c>.
/// Renders on a worker use <see cref="TemplateEnvironment.System"/>; the engine's own renders (runIf, If, Switch,
/// loop values, flow outputs...) use the time and ids of the advance, so that an advance is reproducible.
/// </summary>
public interface ITemplateEnvironment
{
    DateTimeOffset Now { get; }

    /// <summary>A UUID in its usual text form (<c>uuid()</c>).</summary>
    string Uuid();

    /// <summary>A short base62 id (<c>id()</c>).</summary>
    string Id();

    /// <summary>A number in <c>[lower, upper)</c> (<c>randomInt()</c>); the caller has checked <c>lower &lt; upper</c>.</summary>
    long RandomInt(long lower, long upper);
}
