using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Secrets;

#pragma warning disable VSTHRD002 // template functions (kv(), secret()) are synchronous: the template engine renders on the calling thread

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// The functions a trigger's own properties (webhook key and secret) may call before any execution exists:
/// <c>secret()</c> from <see cref="SecretStore"/> and <c>kv()</c> in the flow's namespace; files and logs are refused.
/// </summary>
public sealed class TriggerTemplateHost(string @namespace, IKvStore kv, SecretStore secrets) : ITemplateHost
{
    public string Read(string path) => throw new TemplateException("read() is not available in a trigger property");

    public long FileSize(string uri) => throw new TemplateException("fileSize() is not available in a trigger property");

    public object? Kv(string key, string? kvNamespace, bool errorOnMissing)
    {
        var entry = kv.GetAsync(kvNamespace ?? @namespace, key, CancellationToken.None).GetAwaiter().GetResult();
        return entry is null && errorOnMissing ? throw new TemplateException($"kv('{key}'): the key does not exist") : entry?.Value;
    }

    public string Secret(string key) => secrets.Get(key);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> ErrorLogs() => [];
}
