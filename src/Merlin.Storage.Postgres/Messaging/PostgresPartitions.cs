namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// The executor partitions: an execution's events all go to one of them, by a hash of its id that every process
/// computes alike (string.GetHashCode differs per process). Their number is fixed by the rows of
/// <c>executor_partitions</c> (migration 0005).
/// </summary>
public static class PostgresPartitions
{
    public const int Count = 32;

    public static int Of(string executionId)
    {
        ArgumentNullException.ThrowIfNull(executionId);
        var hash = 2166136261u; // FNV-1a
        foreach (var c in executionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
