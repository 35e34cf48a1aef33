namespace Merlin.Client.Models;

/// <summary>A key/value label of an execution or flow.</summary>
public sealed record Label(string Key, string Value);
