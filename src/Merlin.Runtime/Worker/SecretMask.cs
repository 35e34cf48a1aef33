namespace Merlin.Runtime.Worker;

/// <summary>
/// Hides secret values (SECRET inputs, <c>secret()</c> results) in log messages as Kestra does: the value becomes
/// as many stars as it has characters, the first nine reading <c>**masked*</c>.
/// </summary>
public sealed class SecretMask
{
    private const string Marker = "**masked*";
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public SecretMask(IEnumerable<string>? secrets = null)
    {
        foreach (var secret in secrets ?? [])
        {
            Add(secret);
        }
    }

    public void Add(string secret)
    {
        if (secret.Length > 0)
        {
            lock (_secrets)
            {
                _secrets.Add(secret);
            }
        }
    }

    public string Apply(string message)
    {
        lock (_secrets)
        {
            // Longest first, so a secret that contains another is masked whole.
            foreach (var secret in _secrets.OrderByDescending(s => s.Length))
            {
                if (message.Contains(secret, StringComparison.Ordinal))
                {
                    message = message.Replace(secret, Mask(secret.Length), StringComparison.Ordinal);
                }
            }
        }

        return message;
    }

    public static string Mask(int length) =>
        length >= Marker.Length ? Marker + new string('*', length - Marker.Length) : new string('*', length);
}
