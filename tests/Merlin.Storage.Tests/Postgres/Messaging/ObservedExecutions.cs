using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Testing;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>The executions of one test process: reads are reported (<see cref="Done"/>), everything is the real store.</summary>
internal sealed class ObservedExecutions(IExecutionRepository store) : ForwardingExecutionRepository(store)
{
    private readonly Channel<string> done = Channel.CreateUnbounded<string>();

    /// <summary>The id of each execution read, once the read is over.</summary>
    public ChannelReader<string> Done => done.Reader;

    public override async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await base.GetAsync(id, cancellationToken);
        }
        finally
        {
            done.Writer.TryWrite(id);
        }
    }
}
