using System.CommandLine;
using System.Globalization;
using Merlin.Client.Models;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Server.Hosting;
using Merlin.Server.Security.Tokens;
using ApiToken = Merlin.Client.Models.ApiToken;

namespace Merlin.Server.Cli;

/// <summary>
/// <c>merlin tokens create|list|revoke</c>. With a server (<c>--server</c> or <c>MERLIN_SERVER</c>) they go through
/// its API; without one they work on the configured store directly (<c>--data-dir</c>, or PostgreSQL), so the first token needs
/// no running server nor password.
/// </summary>
internal static class TokenCommands
{
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Work on this data directory's database instead of a server (default: Merlin:DataDir, else ./data)" };

    public static Command Build() => new("tokens", "Manage API tokens (Authorization: Bearer <token>)") { Create(), List(), Revoke() };

    private static Command Create()
    {
        var name = new Option<string>("--name") { Description = "What the token is for", Required = true };
        var expiresAt = new Option<string?>("--expires-at") { Description = "Expiry: an ISO-8601 date (2030-01-01T00:00:00Z) or duration from now (P30D); none by default" };
        var command = new Command("create", "Create an API token and print it (it is shown only once)") { name, expiresAt, DataDir };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var expiry = Expiry(result.GetValue(expiresAt));
            CreatedApiToken created;
            string where;
            if (IsLocal(result))
            {
                await using var local = Local(result);
                var (token, secret) = await local.GetRequiredService<ApiTokenIssuer>().IssueAsync(result.GetValue(name), expiry, ct);
                created = new CreatedApiToken(token.Id, token.Name, secret, token.ExpiresAt, token.CreatedAt);
                where = LocalStore(result);
            }
            else
            {
                created = await client.Tokens.CreateAsync(result.GetValue(name)!, expiry, ct);
                where = "the server";
            }

            if (result.GetValue(RemoteOptions.Output) == OutputFormat.Json)
            {
                CliOutput.WriteJson(created);
            }
            else
            {
                await Console.Out.WriteLineAsync(created.Token);
            }

            await Console.Error.WriteLineAsync($"token '{created.Name}' (id {created.Id}) created in {where}"
                + (created.ExpiresAt is { } at ? $", expires {at:O}" : ", never expires"));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List API tokens (never their secrets)") { DataDir };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            IReadOnlyList<ApiToken> tokens;
            if (IsLocal(result))
            {
                await using var local = Local(result);
                tokens = (await local.GetRequiredService<IApiTokenRepository>().ListAsync(ct))
                    .Select(t => new ApiToken(t.Id, t.Name, t.ExpiresAt, t.CreatedAt)).ToList();
            }
            else
            {
                tokens = await client.Tokens.ListAsync(ct);
            }

            CliOutput.Write(result.GetValue(RemoteOptions.Output), tokens, ["ID", "NAME", "CREATED", "EXPIRES"], t =>
                [t.Id, t.Name, t.CreatedAt.ToString("u", CultureInfo.InvariantCulture), t.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never"]);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("TOKEN_ID");
        var command = new Command("revoke", "Revoke an API token at once") { id, DataDir };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            if (IsLocal(result))
            {
                await using var local = Local(result);
                if (!await local.GetRequiredService<IApiTokenRepository>().DeleteAsync(result.GetValue(id)!, ct))
                {
                    throw new CliException($"API token '{result.GetValue(id)}' not found");
                }
            }
            else
            {
                await client.Tokens.RevokeAsync(result.GetValue(id)!, ct);
            }

            await Console.Error.WriteLineAsync($"token {result.GetValue(id)} revoked");
            return 0;
        });
        return command;
    }

    private static bool IsLocal(ParseResult result) => result.GetValue(DataDir) is not null || !RemoteOptions.ServerGiven(result);

    /// <summary>The configured store (the data directory's SQLite database, or PostgreSQL when configured), as the server would open it.</summary>
    private static ServiceProvider Local(ParseResult result)
    {
        var options = ConfiguredOptions();
        options.DataDir = Path.GetFullPath(result.GetValue(DataDir) ?? options.DataDir);
        return new ServiceCollection().AddSingleton(TimeProvider.System).AddMerlinStorage(options).AddSingleton<ApiTokenIssuer>().BuildServiceProvider();
    }

    private static DateTimeOffset? Expiry(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : IsoDuration.TryParse(text, out var duration) ? DateTimeOffset.UtcNow + duration
        : throw new CliException($"--expires-at '{text}' is neither an ISO-8601 date nor a duration");

    /// <summary>Where a local command writes, as the operator knows it: the data directory, or the PostgreSQL database.</summary>
    private static string LocalStore(ParseResult result)
    {
        var options = ConfiguredOptions();
        return options.Storage.IsPostgres
            ? "the PostgreSQL database"
            : Path.GetFullPath(result.GetValue(DataDir) ?? options.DataDir);
    }

    /// <summary>The settings the server would use: appsettings.json in the current directory, then <c>Merlin__*</c> variables.</summary>
    private static MerlinOptions ConfiguredOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration.GetSection(MerlinOptions.Section).Get<MerlinOptions>() ?? new MerlinOptions();
    }
}
