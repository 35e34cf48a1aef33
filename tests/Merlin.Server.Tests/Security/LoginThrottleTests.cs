using System.Net;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Security;

public sealed class LoginThrottleTests : IAsyncLifetime
{
    private const int MaxFailures = 3;

    private readonly MerlinServer server = MerlinServer.With(o =>
    {
        o.Security.BasicAuth.Username = SecuredServer.User;
        o.Security.BasicAuth.Password = SecuredServer.Password;
        o.Security.LoginThrottle.MaxFailures = MaxFailures;
        o.Security.LoginThrottle.Window = TimeSpan.FromMinutes(10);
    });

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search") { Headers = { Authorization = SecuredServer.Basic(SecuredServer.User, password) } };
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Too_many_failed_logins_from_one_address_get_429_even_with_the_right_password()
    {
        for (var i = 0; i < MaxFailures; i++)
        {
            using var wrong = await GetAsync("guess" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var throttled = await GetAsync("one more guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
        await ApiErrorAssert.IsKestraErrorAsync(throttled, "Too Many Requests");

        using var right = await GetAsync(SecuredServer.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);

        using var open = await server.Client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task A_successful_login_clears_the_failures()
    {
        for (var i = 0; i < MaxFailures - 1; i++)
        {
            using var wrong = await GetAsync("guess" + i);
        }

        using var right = await GetAsync(SecuredServer.Password);
        using var wrongAgain = await GetAsync("again");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAgain.StatusCode);
    }
}
