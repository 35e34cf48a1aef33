using System.Security.Cryptography;

namespace Merlin.Core.Templating;

/// <summary>The process's clock and randomness, for renders outside the engine (a worker's task properties, the API's eval).</summary>
public sealed class TemplateEnvironment : ITemplateEnvironment
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static TemplateEnvironment System { get; } = new();

    private TemplateEnvironment()
    {
    }

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public string Uuid() => Guid.NewGuid().ToString();

    public string Id() => string.Create(22, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Base62[RandomNumberGenerator.GetInt32(Base62.Length)];
        }
    });

    public long RandomInt(long lower, long upper) => Random.Shared.NextInt64(lower, upper);
}
