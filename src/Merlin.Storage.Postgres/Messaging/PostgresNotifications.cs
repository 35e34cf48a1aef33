namespace Merlin.Storage.Postgres.Messaging;

/// <summary>Placeholder until LISTEN/NOTIFY lands: no wake-ups, consumers poll.</summary>
public sealed class PostgresNotifications
{
    public const string Prefix = "merlin_";

    public IDisposable Listen(string channel, Action<string> onPayload) => new Nothing();

    public IDisposable OnReconnected(Action callback) => new Nothing();

    public Task NotifyAsync(string channel, string payload, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
