using Merlin.Core.Storage;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IApiTokenRepository"/> backend must do; subclass once per backend.</summary>
public abstract class ApiTokenRepositoryContract : IAsyncLifetime
{
    private IApiTokenRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    protected IApiTokenRepository Tokens => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IApiTokenRepository> CreateRepositoryAsync();

    private static ApiToken Token(string id, DateTimeOffset? expiresAt = null, DateTimeOffset? createdAt = null) =>
        new(id, "name of " + id, "hash-" + id, createdAt ?? Now, expiresAt);

    [Fact]
    public async Task Created_token_is_found_by_its_hash()
    {
        var token = Token("t1", Now.AddDays(30));

        await Tokens.CreateAsync(token, None);

        Deep.Equal(token, await Tokens.FindByHashAsync("hash-t1", None));
        Assert.Null(await Tokens.FindByHashAsync("hash-unknown", None));
    }

    [Fact]
    public async Task Expired_token_is_still_found_so_the_caller_can_refuse_it()
    {
        await Tokens.CreateAsync(Token("old", Now.AddDays(-1)), None);

        var found = await Tokens.FindByHashAsync("hash-old", None);

        Assert.NotNull(found);
        Assert.True(found.IsExpired(Now));
    }

    [Fact]
    public async Task List_returns_every_token_oldest_first()
    {
        await Tokens.CreateAsync(Token("b", createdAt: Now), None);
        await Tokens.CreateAsync(Token("a", createdAt: Now.AddMinutes(-1)), None);

        Assert.Equal(["a", "b"], (await Tokens.ListAsync(None)).Select(t => t.Id));
    }

    [Fact]
    public async Task Delete_revokes_the_token_once()
    {
        await Tokens.CreateAsync(Token("t1"), None);

        Assert.True(await Tokens.DeleteAsync("t1", None));
        Assert.False(await Tokens.DeleteAsync("t1", None));
        Assert.Null(await Tokens.FindByHashAsync("hash-t1", None));
        Assert.Empty(await Tokens.ListAsync(None));
    }

    [Fact]
    public async Task Duplicate_hash_is_refused()
    {
        await Tokens.CreateAsync(Token("t1"), None);

        await Assert.ThrowsAnyAsync<Exception>(() => Tokens.CreateAsync(Token("t1") with { Id = "t2" }, None));
    }
}
