using Merlin.Testing;

namespace Merlin.Client.Tests;

/// <summary>A real server and a client of it.</summary>
public sealed class ClientFixture : IAsyncLifetime
{
    public MerlinServer Server { get; } = new();

    public MerlinClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Client = new MerlinClient(new MerlinClientOptions { Server = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
