using System.CommandLine;
using System.Globalization;
using Merlin.Core.Flows;
using Merlin.Runtime.Errors;
using Merlin.Server.Hosting;
using Merlin.Server.Security.Tokens;
using Merlin.Storage.Sqlite;

namespace Merlin.Server.Cli;

/// <summary>
/// <c>merlin tokens create --name X [--expires-at DATE|DURATION] [--data-dir DIR]</c>: writes a token straight
/// into the embedded database and prints it once, so the first token needs no running server nor password.
/// </summary>
internal static class TokenCommands
{
    public static Command Build()
    {
        var name = new Option<string>("--name") { Description = "What the token is for", Required = true };
        var expiresAt = new Option<string?>("--expires-at") { Description = "Expiry: an ISO-8601 date (2030-01-01T00:00:00Z) or duration from now (P30D); none by default" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory of the database (default: Merlin:DataDir, else ./data)" };
        var create = new Command("create", "Create an API token and print it (it is shown only once)") { name, expiresAt, dataDir };
        create.SetAction(async (result, ct) =>
        {
            try
            {
                return await CreateAsync(result.GetValue(name), Expiry(result.GetValue(expiresAt)), result.GetValue(dataDir), ct);
            }
            catch (Exception e) when (e is ArgumentException or InvalidEntityException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });

        return new Command("tokens", "Manage API tokens (Authorization: Bearer <token>)") { create };
    }

    private static async Task<int> CreateAsync(string? name, DateTimeOffset? expiresAt, string? dataDir, CancellationToken ct)
    {
        var directory = Path.GetFullPath(dataDir ?? ConfiguredDataDir());
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSqliteStorage(directory).AddSingleton<ApiTokenIssuer>();
        await using var provider = services.BuildServiceProvider();
        var issuer = provider.GetRequiredService<ApiTokenIssuer>();
        var (token, secret) = await issuer.IssueAsync(name, expiresAt, ct);
        await Console.Out.WriteLineAsync(secret);
        await Console.Error.WriteLineAsync($"token '{token.Name}' (id {token.Id}) created in {directory}"
            + (token.ExpiresAt is { } at ? $", expires {at:O}" : ", never expires"));
        return 0;
    }

    private static DateTimeOffset? Expiry(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : IsoDuration.TryParse(text, out var duration) ? DateTimeOffset.UtcNow + duration
        : throw new ArgumentException($"--expires-at '{text}' is neither an ISO-8601 date nor a duration");

    /// <summary>The data directory the server would use: appsettings.json in the current directory, then <c>Merlin__DataDir</c>.</summary>
    private static string ConfiguredDataDir()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration.GetSection(MerlinOptions.Section).Get<MerlinOptions>()?.DataDir ?? new MerlinOptions().DataDir;
    }
}
