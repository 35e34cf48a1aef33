using System.Net.Http.Headers;
using System.Text;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Security;

/// <summary>
/// A server with basic auth on (admin/admin), a 64 KB body limit, one allowed CORS origin and a throttle high enough
/// for the tests that send wrong credentials on purpose. <see cref="Server"/>'s client sends the right credentials.
/// </summary>
public sealed class SecuredServer : IAsyncLifetime
{
    public const string User = "admin";
    public const string Password = "admin";
    public const string AllowedOrigin = "https://ui.example.com";
    public const long BodyLimit = 64 * 1024;

    public MerlinServer Server { get; } = MerlinServer.With(o =>
    {
        o.Security.BasicAuth.Username = User;
        o.Security.BasicAuth.Password = Password;
        o.Security.AllowedOrigins = [AllowedOrigin];
        o.Security.LoginThrottle.MaxFailures = 10_000;
        o.MaxRequestBodySize = BodyLimit;
    });

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Server.Client.DefaultRequestHeaders.Authorization = Basic(User, Password);
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    /// <summary>A client without credentials; add your own per request.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// A client with the right credentials that sends <c>Expect: 100-continue</c> and waits for the server's answer
    /// before the body, as curl does for large bodies. Without it, a 413 races the client's write of the rest of the
    /// body: the server closes the connection and the client can see a broken pipe instead of the answer.
    /// </summary>
    public HttpClient WaitingForContinue()
    {
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) };
        var client = new HttpClient(handler) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = Basic(User, Password);
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
