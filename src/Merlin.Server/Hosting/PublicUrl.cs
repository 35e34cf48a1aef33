using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Merlin.Server.Hosting;

/// <summary>
/// The server's public base URL for links it hands out (an execution's <c>url</c>, <c>/api/v1/configs</c>):
/// <c>Merlin:Url</c> when set, else the address Kestrel listens on. Never the request's Host header, which the
/// client chooses (a forged Host would otherwise put an attacker's address into stored links and answers).
/// </summary>
internal sealed class PublicUrl(MerlinOptions options, IServer server)
{
    private string? _value = options.Url is { Length: > 0 } url ? url.TrimEnd('/') + "/" : null;

    public string Value => _value ??= FromListeningAddress();

    private string FromListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://localhost:{options.Port}";
        var uri = new UriBuilder(address);

        // A wildcard binding is not an address a browser can open.
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
