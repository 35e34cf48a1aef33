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
}
