using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

#pragma warning disable VSTHRD002 // start-up and clean-up of a test cluster run outside any async context

namespace Merlin.Testing;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>MERLIN_TEST_POSTGRES</c> (a connection string of a role
/// that may create databases; <c>.ci/run</c> sets it), or else a throwaway cluster started from Debian's binaries
/// (<c>/usr/lib/postgresql/*/bin</c>) on a free loopback port, as the <c>postgres</c> user when the tests run as root,
/// and stopped when the test process exits. Each caller gets its own schema in one database of this process, so tests
/// never see each other's rows. Without either, it fails with a message that says how to provide PostgreSQL.
/// </summary>
public sealed class PostgresCluster
{
    public const string Variable = "MERLIN_TEST_POSTGRES";

    private const string ClusterPrefix = "merlin-pg-";

#pragma warning disable VSTHRD011 // StartAsync yields before any blocking work, and no caller holds a synchronization context
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
#pragma warning restore VSTHRD011

    private readonly NpgsqlConnectionStringBuilder database;

    private PostgresCluster(NpgsqlConnectionStringBuilder database) => this.database = database;

    /// <summary>The cluster of this test process (started or connected on first use).</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>A new empty schema; the returned connection string uses it (<c>Search Path</c>).</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(database.ConnectionString, $"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops the schema of a connection string from <see cref="CreateSchemaAsync"/>, and everything in it.</summary>
    public async Task DropSchemaAsync(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath
            ?? throw new ArgumentException("Not a connection string of CreateSchemaAsync.", nameof(connectionString));
        await ExecuteAsync(database.ConnectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        var admin = string.IsNullOrEmpty(given) ? await StartThrowawayAsync() : given;
        var builder = new NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        var name = "merlin_tests_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(builder.ConnectionString, $"CREATE DATABASE {name}");
        if (admin == given)
        {
            // A server that outlives this process: leave it as it was found. A throwaway one goes away whole.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabase(builder.ConnectionString, name);
        }

        return new PostgresCluster(new NpgsqlConnectionStringBuilder(admin) { Database = name });
    }

    private static void DropDatabase(string connectionString, string name)
    {
        try
        {
            ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // Best effort: leftovers of a test run must not fail it.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartThrowawayAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server. Either set {Variable} to the connection string of a role that may "
                + $"create databases (e.g. {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\"), or install "
                + "PostgreSQL's server binaries (Debian: apt-get install postgresql) so that the tests start a throwaway cluster "
                + "from /usr/lib/postgresql/*/bin themselves.");
        }

        DeleteStoppedClusters();
        var directory = Path.Combine(Path.GetTempPath(), ClusterPrefix + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var pgCtl = Path.Combine(bin, "pg_ctl");
        await RunAsync(Path.Combine(bin, "initdb"), "-D", directory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        await RunAsync(pgCtl, "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c max_connections=200", "start");

        // One shell stops the server and removes its folder, so both happen even when the test host is ended
        // before this handler returns.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            RunAsync("/bin/sh", "-c", $"'{pgCtl}' -D '{directory}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{directory}'").GetAwaiter().GetResult();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Runs a program as the <c>postgres</c> user when this process is root (PostgreSQL refuses root).</summary>
    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        var line = Environment.IsPrivilegedProcess ? new[] { "runuser", "-u", "postgres", "--", program } : [program];
        start.FileName = line[0];
        foreach (var argument in line.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed (exit code {process.ExitCode}) while running a throwaway PostgreSQL cluster for "
                + $"the tests; set {Variable} to use an existing server instead.\n{await output}\n{await error}");
        }
    }

    /// <summary>Folders of throwaway clusters no longer running (no <c>postmaster.pid</c>), left by a test host that was ended.</summary>
    private static void DeleteStoppedClusters()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (!File.Exists(Path.Combine(directory, "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a leftover temp folder must not fail the run.
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
