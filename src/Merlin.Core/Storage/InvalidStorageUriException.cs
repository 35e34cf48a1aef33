namespace Merlin.Core.Storage;

/// <summary>
/// A <c>kestra:///</c> URI that names no file of the store (not that scheme, an empty, <c>.</c> or <c>..</c> segment,
/// NUL, a backslash). It is an <see cref="ArgumentException"/> for callers that catch those; the API answers 400.
/// </summary>
public sealed class InvalidStorageUriException(string message) : ArgumentException(message);
