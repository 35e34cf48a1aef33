namespace Merlin.Client.Models;

/// <summary>Keys of a namespace's KV store: the body and answer of <c>DELETE /api/v1/namespaces/{namespace}/kv</c>.</summary>
public sealed record KvKeys(IReadOnlyList<string> Keys);
