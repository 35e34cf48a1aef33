using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Merlin.Bench.Server;

/// <summary>
/// The PostgreSQL server of a <c>--postgres</c> run: the one named by <c>--postgres-connection</c> or
/// <c>MERLIN_BENCH_POSTGRES</c> (a role that may create databases), or else a throwaway cluster started from
/// <c>/usr/lib/postgresql/*/bin</c> on a free loopback port with <c>synchronous_commit=on</c> and <c>fsync=on</c>
/// (as the <c>postgres</c> user when the bench runs as root), removed at the end. Every target gets a fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Variable = "MERLIN_BENCH_POSTGRES";

    private readonly string admin;
    private readonly string? directory;
    private readonly string? pgCtl;
    private readonly List<string> databases = [];

    private PostgresServer(string admin, string? directory, string? pgCtl)
    {
        this.admin = admin;
        this.directory = directory;
        this.pgCtl = pgCtl;
    }

    /// <summary>Where the server came from, for the report.</summary>
    public string Description => directory is null
        ? $"given server {new NpgsqlConnectionStringBuilder(admin).Host}:{new NpgsqlConnectionStringBuilder(admin).Port}"
        : "throwaway cluster (synchronous_commit=on, fsync=on, pg_stat_statements loaded, other settings default)";

    public static async Task<PostgresServer> StartAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var given = connectionString ?? Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(given))
        {
            return new PostgresServer(given, null, null);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"--postgres needs PostgreSQL: set {Variable} (or --postgres-connection) to a role that may create databases, "
                + "or install the server binaries (apt-get install postgresql) for a throwaway cluster.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "merlin-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort();
        var pgCtl = Path.Combine(bin, "pg_ctl");
        Directory.CreateDirectory(directory);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres", directory], cancellationToken);
        }

        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", directory, "-U", "postgres", "-A", "trust", "-E", "UTF8"], cancellationToken);
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", directory, pgCtl);
        await RunAsPostgresAsync(pgCtl, ["-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c max_connections=300 -c synchronous_commit=on -c fsync=on"
            + " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all", "start"], cancellationToken);
        await ExecuteAsync(server.admin, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return server;
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"bench_{purpose}_{Guid.NewGuid().ToString("N")[..8]}";
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        databases.Add(name);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// CPU time (user + system) of every process of the throwaway cluster, ended backends included (the postmaster's
    /// reaped children); null for a given server.
    /// </summary>
    public double? CpuSeconds()
    {
        if (directory is null)
        {
            return null;
        }

        var postmaster = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var total = 0.0;
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(proc), out var pid) && ProcessStats.ParentOf(pid) == postmaster)
            {
                total += ProcessStats.CpuSecondsOf(pid) ?? 0;
            }
        }

        return total + (ProcessStats.CpuSecondsWithReapedChildren(postmaster) ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (directory is not null)
        {
            await RunAsPostgresAsync(pgCtl!, ["-D", directory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            Directory.Delete(directory, recursive: true);
            return;
        }

        foreach (var name in databases)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Commits (<c>pg_stat_database</c>) and statements (<c>pg_stat_statements</c>, null where it is not loaded) of
    /// the database of <paramref name="connectionString"/> so far. PostgreSQL publishes a backend's counts up to a
    /// second late: read after a pause.
    /// </summary>
    public async Task<(long Commits, long? Statements)> CountersAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        var committed = (long)(await command.ExecuteScalarAsync())!;
        try
        {
            await using var statements = new NpgsqlCommand(
                "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1", connection)
            { Parameters = { new() { Value = name } } };
            return (committed, (long)(await statements.ExecuteScalarAsync())!);
        }
        catch (PostgresException)
        {
            return (committed, null); // pg_stat_statements not loaded on a given server
        }
    }

    /// <summary><c>SELECT count(*)</c> of a table.</summary>
    public static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task RunAsPostgresAsync(string program, string[] arguments, CancellationToken cancellationToken) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], cancellationToken)
            : RunAsync(program, arguments, cancellationToken);

    private static async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments.Prepend(program))} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
