using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>Secrets by key, set by the test; a missing key fails as the server's lookup does.</summary>
public sealed class FakeTaskSecrets : ITaskSecrets
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<string> GetAsync(string key, CancellationToken cancellationToken) =>
        Values.TryGetValue(key, out var value)
            ? Task.FromResult(value)
            : Task.FromException<string>(new InvalidOperationException($"Cannot find secret for key '{key}'."));

    /// <summary>Masks every value set in <see cref="Values"/>.</summary>
    public string Mask(string text) =>
        Values.Values.Where(v => v.Length > 0).Aggregate(text, (masked, secret) => masked.Replace(secret, "******", StringComparison.Ordinal));
}
