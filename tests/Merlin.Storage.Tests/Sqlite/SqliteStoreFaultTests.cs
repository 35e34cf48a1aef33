using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Storage.Sqlite;
using Merlin.Storage.Sqlite.Logs;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Sqlite;

/// <summary>
/// A real SQLITE_FULL (the writer's database capped at its current size with <c>max_page_count</c>): the writer
/// reports a disk-full <see cref="StorageFaultException"/> to its callers and to <see cref="StoreHealth"/>, and takes
/// writes again, on the same connection, once there is room.
/// </summary>
public sealed class SqliteStoreFaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_full_database_fails_its_writes_with_a_disk_full_fault_then_recovers()
    {
        using var directory = new TempDirectory();
        var health = new StoreHealth(TimeProvider.System);
        await using var database = new SqliteDatabase(new SqliteStorageOptions { DataDirectory = directory.Path }, health);
        var logs = new SqliteLogRepository(database);
        await database.WriteAsync(c => c.Command("PRAGMA max_page_count = " + PageCount(c)).ExecuteNonQuery(), None);

        var first = logs.AppendAsync([Entry("a")], None);
        var second = logs.AppendAsync([Entry("b")], None);
        var fault = await Assert.ThrowsAsync<StorageFaultException>(() => first);
        await Assert.ThrowsAsync<StorageFaultException>(() => second);

        Assert.True(fault.DiskFull);
        Assert.StartsWith("The database is full", fault.Message, StringComparison.Ordinal);
        Assert.True(health.Fault?.DiskFull); // the latest refused commit's fault (the two appends may commit apart)

        await database.WriteAsync(c => c.Command("PRAGMA max_page_count = 1073741823").ExecuteNonQuery(), None);
        await logs.AppendAsync([Entry("a")], None);

        Assert.Null(health.Fault);
        Assert.Single(await logs.ListAsync("e1", LogLevel.TRACE, null, None));
        Assert.Equal("ok", database.Read(r => (string)r.Command("PRAGMA integrity_check").ExecuteScalar()!));
    }

    private static long PageCount(SqliteWriteContext context) => Convert.ToInt64(context.Command("PRAGMA page_count").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A log line far larger than a page, so storing it needs new pages.</summary>
    private static LogEntry Entry(string id) => new()
    {
        Namespace = "company.team",
        FlowId = "flow",
        ExecutionId = "e1",
        Timestamp = DateTimeOffset.UtcNow,
        Level = LogLevel.INFO,
        Message = id + new string('x', 200_000),
    };
}
