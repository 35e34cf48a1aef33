using System.Globalization;
using Npgsql;

namespace Merlin.Testing;

/// <summary>
/// A cluster of real <c>merlin server &lt;component&gt;</c> processes on one PostgreSQL schema of its own
/// (<see cref="PostgresCluster"/>), with a short liveness timeout, so tests kill and stop processes and watch the
/// others react. Disposing it kills every process it started and drops the schema.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    /// <summary>Short, so a dead process is reaped within seconds; the interval stays under half of it, as required.</summary>
    public static readonly TimeSpan LivenessTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<ClusterNode> nodes = [];

    /// <summary>One key for every process of this cluster, as an operator must configure it.</summary>
    public string EncryptionKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private ClusterProcesses(string connectionString) => ConnectionString = connectionString;

    /// <summary>The schema's connection string, as every process of the cluster gets it.</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<ClusterNode> Nodes => nodes;

    /// <summary>The settings every process of this cluster gets: its database, the short liveness timeout, one encryption key.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Merlin__Storage__Type"] = "postgres",
        ["Merlin__Storage__Postgres__ConnectionString"] = ConnectionString,
        ["Merlin__Cluster__LivenessTimeout"] = LivenessTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Merlin__Cluster__HeartbeatInterval"] = HeartbeatInterval.ToString("c", CultureInfo.InvariantCulture),
        ["Merlin__Security__EncryptionKey"] = EncryptionKey,
    };

    public static async Task<ClusterProcesses> CreateAsync() => new(await (await PostgresCluster.GetAsync()).CreateSchemaAsync());

    /// <summary>
    /// Starts <c>merlin server <paramref name="command"/></c> on the cluster's database and waits until it is ready: a web
    /// server answers <c>/health</c>, and every process has its row in <c>service_instances</c>.
    /// </summary>
    public async Task<ClusterNode> StartAsync(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var node = new ClusterNode(command, settings);
        nodes.Add(node);
        await node.StartAsync();
        await WaitForInstancesAsync(ids => ids.Contains(node.InstanceId), $"{node} is registered");
        return node;
    }

    /// <summary>The ids in <c>service_instances</c> now, in order.</summary>
    /// <summary>The one value <paramref name="sql"/> selects from the cluster's schema (a count, an owner...).</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<string>> InstancesAsync() => [.. (await ComponentsAsync()).Keys];

    /// <summary>The rows of <c>service_instances</c> now: each id with its components (comma-separated), by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ComponentsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, array_to_string(components, ',') FROM service_instances", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    /// <summary>Polls <c>service_instances</c> (with a deadline) until its ids satisfy <paramref name="condition"/>.</summary>
    public async Task WaitForInstancesAsync(Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? within = null)
    {
        IReadOnlyList<string> ids = [];
        await Poll.UntilAsync(
            async () => condition(ids = await InstancesAsync()),
            () => $"{what}; service_instances holds [{string.Join(", ", ids)}]\n" + string.Join("\n", nodes.Select(n => $"--- {n}\n{n.Output}")),
            within ?? TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await (await PostgresCluster.GetAsync()).DropSchemaAsync(ConnectionString);
    }
}
