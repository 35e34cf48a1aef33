namespace Merlin.Core.Storage;

/// <summary>
/// The namespace key-value store (Kestra's KV) as a backend implements it. Expired entries are never returned. Tasks see it
/// as it is, through the SDK's <see cref="ITaskKv"/>.
/// </summary>
public interface IKvStore : ITaskKv;
