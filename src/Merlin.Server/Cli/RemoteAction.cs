using System.CommandLine;
using System.Net.Sockets;
using Merlin.Client;

namespace Merlin.Server.Cli;

/// <summary>
/// Runs a remote command: builds the client from the shared options and turns every expected failure (the
/// server's refusal with Kestra's error body, an unreachable server, a bad argument) into lines on stderr and
/// exit code 1, never a stack trace.
/// </summary>
internal static class RemoteAction
{
    public static void SetRemoteAction(this Command command, Func<ParseResult, MerlinClient, CancellationToken, Task<int>> action) =>
        command.SetAction(async (result, ct) =>
        {
            try
            {
                using var client = RemoteOptions.CreateClient(result);
                return await action(result, client, ct);
            }
            catch (Exception e) when (Describe(e, result) is { } message)
            {
                await Console.Error.WriteLineAsync("error: " + message);
                return 1;
            }
        });

    public static string? Describe(Exception exception, ParseResult result) => exception switch
    {
        MerlinApiException e => e.Message + string.Concat(e.Details.Select(d => "\n  " + (d.Path is null ? "" : d.Path + ": ") + d.Message)),
        HttpRequestException { InnerException: SocketException socket } => $"cannot reach the server at {ServerName(result)}: {socket.Message}",
        HttpRequestException e => $"request to {ServerName(result)} failed: {e.Message}",
        TimeoutException e => e.Message,
        CliException e => e.Message,
        Runtime.Errors.InvalidEntityException e => e.Message + string.Concat(e.Details.Select(d => $"\n  {d.Path}: {d.Message}")),
        IOException e => e.Message,
        UnauthorizedAccessException e => e.Message,
        _ => null,
    };

    private static string ServerName(ParseResult result) =>
        result.GetValue(RemoteOptions.Server) ?? Environment.GetEnvironmentVariable("MERLIN_SERVER") ?? RemoteOptions.DefaultServer;
}
