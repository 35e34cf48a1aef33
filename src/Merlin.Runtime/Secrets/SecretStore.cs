using System.Text;
using Merlin.Core.Templating;

namespace Merlin.Runtime.Secrets;

/// <summary>
/// Where <c>secret('KEY')</c> finds its value, for tasks and triggers alike: first a plain value from the settings
/// (<c>Merlin__Secrets__KEY</c>, for platforms that inject decoded values), then Kestra OSS's <c>SECRET_KEY</c> environment
/// variable, base64-encoded. Keys are matched without regard to case, as Kestra upper-cases them.
/// </summary>
public sealed class SecretStore
{
    private readonly Dictionary<string, string> _plain;
    private readonly Func<string, string?> _environment;

    public SecretStore(IReadOnlyDictionary<string, string>? plain = null, Func<string, string?>? environment = null)
    {
        _plain = new Dictionary<string, string>(plain ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The secret's clear value; a <see cref="TemplateException"/> when it is missing or not valid base64.</summary>
    public string Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_plain.TryGetValue(key, out var plain))
        {
            return plain;
        }

        var encoded = _environment("SECRET_" + key.ToUpperInvariant())
            ?? throw new TemplateException($"Cannot find secret for key '{key}'.");
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Replace("\n", "", StringComparison.Ordinal).Trim()));
        }
        catch (FormatException)
        {
            throw new TemplateException($"Secret '{key}' is not valid base64.");
        }
    }
}
