using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite.Tokens;

/// <summary>API tokens in the <c>api_tokens</c> table, looked up by the unique hash index on every request.</summary>
public sealed class SqliteApiTokenRepository(SqliteDatabase database) : IApiTokenRepository
{
    private const string Insert = """
        INSERT INTO api_tokens (id, name, hash, created_at, expires_at) VALUES (@id, @name, @hash, @created_at, @expires_at)
        """;

    private const string Columns = "SELECT id, name, hash, created_at, expires_at FROM api_tokens";

    public Task CreateAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.WriteAsync(
            context => context.Command(Insert)
                .Set("@id", token.Id)
                .Set("@name", token.Name)
                .Set("@hash", token.Hash)
                .Set("@created_at", SqliteDates.ToText(token.CreatedAt))
                .Set("@expires_at", SqliteDates.ToParameter(token.ExpiresAt))
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken) =>
        Task.FromResult(Query(Columns + " WHERE hash = @hash", hash).FirstOrDefault());

    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiToken>>(Query(Columns + " ORDER BY created_at, id", null));

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            context => context.Command("DELETE FROM api_tokens WHERE id = @id").Set("@id", id).ExecuteNonQuery() > 0,
            cancellationToken);

    private List<ApiToken> Query(string sql, string? hash) => database.Read(read =>
    {
        var command = read.Command(sql);
        if (hash is not null)
        {
            command.Set("@hash", hash);
        }

        using var reader = command.ExecuteReader();
        var tokens = new List<ApiToken>();
        while (reader.Read())
        {
            tokens.Add(new ApiToken(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                SqliteDates.FromText(reader.GetString(3)),
                reader.IsDBNull(4) ? null : SqliteDates.FromText(reader.GetString(4))));
        }

        return tokens;
    });
}
