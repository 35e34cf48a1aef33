namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>Components in one process: it holds every role, for good.</summary>
public sealed class InProcessLeadership : ILeadership
{
    public Task<CancellationToken> AcquireAsync(string role, CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);
}
