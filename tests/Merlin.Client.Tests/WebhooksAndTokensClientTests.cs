using System.Net;
using Merlin.Client.Models;
using StateType = Merlin.Client.Models.StateType;

namespace Merlin.Client.Tests;

public sealed class WebhooksAndTokensClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    [Fact]
    public async Task Webhook_starts_the_flow_with_the_body_and_can_return_outputs()
    {
        await Client.Flows.CreateAsync("""
            id: hook
            namespace: client.webhook
            tasks:
              - id: echo
                type: io.kestra.plugin.core.output.OutputValues
                values:
                  got: "{{ trigger.body.name }}"
            outputs:
              - id: got
                type: STRING
                value: "{{ outputs.echo.values.got }}"
            triggers:
              - id: fire
                type: io.kestra.plugin.core.trigger.Webhook
                key: the-key
              - id: sync
                type: io.kestra.plugin.core.trigger.Webhook
                key: sync-key
                wait: true
                returnOutputs: true
            """);

        var started = await Client.Webhooks.TriggerAsync("client.webhook", "hook", "the-key", new { name = "ada" });
        var outputs = await Client.Webhooks.TriggerForOutputsAsync("client.webhook", "hook", "sync-key", new { name = "bob" });

        Assert.NotNull(started);
        Assert.Equal(StateType.SUCCESS, (await Client.Executions.WaitAsync(started.Id)).State.Current);
        Assert.Equal("bob", outputs["got"].GetString());
        var wrong = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Webhooks.TriggerAsync("client.webhook", "hook", "nope"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task Tokens_create_list_revoke_and_the_token_authenticates_a_client()
    {
        var created = await Client.Tokens.CreateAsync("client-test", DateTimeOffset.UtcNow.AddDays(1));
        Assert.StartsWith("mrl_", created.Token);
        Assert.NotNull(created.ExpiresAt);

        Assert.Contains(await Client.Tokens.ListAsync(), t => t.Id == created.Id && t.Name == "client-test");

        // Tokens are managed with the administrator's credentials, never with a token: Kestra's error body says so.
        using var withToken = new MerlinClient(new MerlinClientOptions { Server = fixture.Server.BaseAddress, Token = created.Token });
        var forbidden = await Assert.ThrowsAsync<MerlinApiException>(() => withToken.Tokens.ListAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.StartsWith("Forbidden:", forbidden.Error!.Message);

        await Client.Tokens.RevokeAsync(created.Id);
        Assert.DoesNotContain(await Client.Tokens.ListAsync(), t => t.Id == created.Id);
        var again = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Tokens.RevokeAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_an_http_error_not_a_hang()
    {
        using var client = new MerlinClient(new MerlinClientOptions { Server = new Uri("http://127.0.0.1:1"), Timeout = TimeSpan.FromSeconds(10) });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Flows.ListAsync("any"));
    }
}
