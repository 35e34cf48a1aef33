using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Merlin.Server.Hosting;

/// <summary>
/// The server of a process without the web server component (executor, worker, scheduler apart): it listens nowhere,
/// so any number of them run on one machine without choosing ports. Their liveness is their heartbeat row in
/// <c>service_instances</c>, which every process can read.
/// </summary>
internal sealed class NoHttpServer : IServer
{
    public IFeatureCollection Features { get; } = NoAddresses();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private static FeatureCollection NoAddresses()
    {
        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(new ServerAddressesFeature());
        return features;
    }
}
