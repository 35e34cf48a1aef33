namespace Merlin.Core.Templating;

/// <summary>
/// Side-effecting services that some template functions need (files, KV store, secrets, logs).
/// The engine itself stays pure; a render without a host fails these functions with a clear message.
/// </summary>
public interface ITemplateHost
{
    /// <summary>Reads a <c>kestra:///</c> file (or a namespace file path) as UTF-8 text.</summary>
    string Read(string path);

    /// <summary>Size in bytes of a <c>kestra:///</c> file.</summary>
    long FileSize(string uri);

    /// <summary>Reads a KV entry; null when missing and <paramref name="errorOnMissing"/> is false.</summary>
    object? Kv(string key, string? @namespace, bool errorOnMissing);

    /// <summary>Returns a secret's clear value; throws when unknown.</summary>
    string Secret(string key);

    /// <summary>ERROR log entries of the current execution, each a map (taskId, message, level, timestamp...).</summary>
    IReadOnlyList<IReadOnlyDictionary<string, object?>> ErrorLogs();
}
