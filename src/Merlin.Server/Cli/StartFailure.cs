using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Merlin.Server.Cli;

/// <summary>Turns the usual reasons a server cannot start into one line an operator can act on.</summary>
internal static class StartFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        CliException e => e.Message,
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }
            => $"{exception.Message.TrimEnd('.')} (another process uses the port: choose one with --port or Merlin__Port)",
        IOException { InnerException: SocketException s } => $"{exception.Message} ({s.Message})",
        UnauthorizedAccessException e => $"{e.Message} (the data directory must be writable: choose one with --data-dir or Merlin__DataDir)",
        NpgsqlException e => $"the PostgreSQL database cannot be used: {e.Message} (check Merlin__Storage__Postgres__ConnectionString)",
        SqliteException e => $"the database cannot be opened: {e.Message} (check the data directory's permissions and free space)",
        IOException e => e.Message,
        InvalidOperationException or ArgumentException or FormatException => exception.Message,
        _ => null,
    };
}
