using Merlin.Core.Storage;
using Merlin.Plugins.KeyValue;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class KvTaskTests
{
    private readonly FakeTaskRunContext _context = new();
    private FakeTaskKv Store => _context.Kv;

    [Fact]
    public async Task Set_then_get_returns_the_typed_value_in_the_flow_namespace()
    {
        _context.Renders["{{ 42 }}"] = 42L;

        await new KvSet { Key = "answer", Value = "{{ 42 }}" }.RunAsync(_context, CancellationToken.None);
        var result = await new KvGet { Key = "answer" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(42L, result.Outputs["value"]);
        Assert.NotNull(await Store.GetAsync("company.team", "answer", CancellationToken.None));
    }

    [Fact]
    public async Task Set_casts_with_kvType_and_sets_the_expiry()
    {
        await new KvSet { Key = "j", Value = "{\"a\":[1,2]}", KvType = KvType.JSON, Ttl = "PT1H" }.RunAsync(_context, CancellationToken.None);

        var entry = await Store.GetAsync("company.team", "j", CancellationToken.None);
        var map = Assert.IsAssignableFrom<IDictionary<string, object?>>(entry!.Value);
        Assert.Equal(new object?[] { 1L, 2L }, Assert.IsAssignableFrom<IEnumerable<object?>>(map["a"]));
        Assert.InRange(entry.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Set_without_overwrite_fails_when_the_key_exists()
    {
        await new KvSet { Key = "k", Value = "1" }.RunAsync(_context, CancellationToken.None);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new KvSet { Key = "k", Value = "2", Overwrite = false }.RunAsync(_context, CancellationToken.None));
        Assert.Contains("already exists", e.Message);
    }

    [Fact]
    public async Task Get_of_a_missing_key_is_null_or_an_error_on_request()
    {
        var result = await new KvGet { Key = "missing" }.RunAsync(_context, CancellationToken.None);

        Assert.Null(result.Outputs["value"]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new KvGet { Key = "missing", ErrorOnMissing = true }.RunAsync(_context, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_reports_whether_the_key_existed()
    {
        await new KvSet { Key = "k", Value = "v", Namespace = "other" }.RunAsync(_context, CancellationToken.None);

        var first = await new KvDelete { Key = "k", Namespace = "other" }.RunAsync(_context, CancellationToken.None);
        var second = await new KvDelete { Key = "k", Namespace = "other" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(true, first.Outputs["deleted"]);
        Assert.Equal(false, second.Outputs["deleted"]);
    }

    [Fact]
    public async Task GetKeys_lists_keys_with_the_prefix()
    {
        foreach (var key in new[] { "app.a", "app.b", "other" })
        {
            await new KvSet { Key = key, Value = "v" }.RunAsync(_context, CancellationToken.None);
        }

        var result = await new KvGetKeys { Prefix = "app." }.RunAsync(_context, CancellationToken.None);

        Assert.Equal(["app.a", "app.b"], Assert.IsAssignableFrom<IEnumerable<string>>(result.Outputs["keys"]).Order());
    }
}
