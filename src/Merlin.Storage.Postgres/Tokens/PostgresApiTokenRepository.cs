using Merlin.Core.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres.Tokens;

/// <summary>API tokens in the <c>api_tokens</c> table, looked up by the unique hash index on every request.</summary>
public sealed class PostgresApiTokenRepository(PostgresDatabase database) : IApiTokenRepository
{
    private const string Insert = """
        INSERT INTO api_tokens (id, name, hash, created_at, expires_at) VALUES (@id, @name, @hash, @created_at, @expires_at)
        """;

    private const string Columns = "SELECT id, name, hash, created_at, expires_at FROM api_tokens";

    public Task CreateAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.ExecuteAsync(
            Insert,
            c => c.Text("id", token.Id).Text("name", token.Name).Text("hash", token.Hash)
                .Date("created_at", token.CreatedAt).Date("expires_at", token.ExpiresAt),
            cancellationToken);
    }

    public async Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken) =>
        (await Query(Columns + " WHERE hash = @hash", c => c.Text("hash", hash), cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) =>
        await Query(Columns + " ORDER BY created_at, id", _ => { }, cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM api_tokens WHERE id = @id", c => c.Text("id", id), cancellationToken) > 0;

    private Task<List<ApiToken>> Query(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.QueryAsync(
            sql,
            bind,
            reader => new ApiToken(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                PostgresDates.FromText(reader.GetString(3)),
                reader.IsDBNull(4) ? null : PostgresDates.FromText(reader.GetString(4))),
            cancellationToken);
}
