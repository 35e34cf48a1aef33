namespace Merlin.Sdk.Runs;

/// <summary>Secrets by key, as the <c>secret()</c> template function reads them.</summary>
public interface ITaskSecrets
{
    /// <summary>The secret's value, masked from then on in the task's logs; throws when there is no such secret.</summary>
    Task<string> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>The text with every secret this task run has seen (its SECRET inputs, the values read so far) masked, as its logs are.</summary>
    string Mask(string text);
}
