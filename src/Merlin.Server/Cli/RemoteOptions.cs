using System.CommandLine;
using Merlin.Client;

namespace Merlin.Server.Cli;

/// <summary>
/// The options every remote command shares (<c>--server</c>, <c>--token</c>, <c>--user</c>), each also read from
/// <c>MERLIN_SERVER</c>, <c>MERLIN_TOKEN</c>, <c>MERLIN_USER</c>, so a CI job sets them once.
/// </summary>
internal static class RemoteOptions
{
    public const string DefaultServer = "http://localhost:8080";

    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"Server URL (env MERLIN_SERVER; default {DefaultServer})",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "API token, sent as Bearer (env MERLIN_TOKEN)",
        Recursive = true,
    };

    public static readonly Option<string?> User = new("--user")
    {
        Description = "Basic-auth credentials USER:PASSWORD (env MERLIN_USER), when no token is given",
        Recursive = true,
    };

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "Output format: table (default) or json",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static IEnumerable<Option> All => [Server, Token, User, Output];

    /// <summary>Whether a server was named (flag or environment), as opposed to the default.</summary>
    public static bool ServerGiven(ParseResult result) => ServerUrl(result) is not null;

    public static MerlinClient CreateClient(ParseResult result)
    {
        var url = ServerUrl(result) ?? DefaultServer;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server '{url}' is not an http(s) URL");
        }

        var user = result.GetValue(User) ?? Env("MERLIN_USER");
        var separator = user?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (user is not null && separator <= 0)
        {
            throw new CliException("--user must be USER:PASSWORD");
        }

        return new MerlinClient(new MerlinClientOptions
        {
            Server = server,
            Token = result.GetValue(Token) ?? Env("MERLIN_TOKEN"),
            Username = user?[..separator],
            Password = user?[(separator + 1)..],
        });
    }

    private static string? ServerUrl(ParseResult result) => result.GetValue(Server) ?? Env("MERLIN_SERVER");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
