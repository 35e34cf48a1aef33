using System.Net.Http.Headers;
using System.Text;
using Merlin.Server.Tests.Security;
using Merlin.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// Every mapped route, with its methods and one it does not have, given unknown and existing ids, junk bodies and
/// junk query values: never a 5xx, and every refusal carries Kestra's error body. Routes added later are covered too.
/// </summary>
public sealed class JunkOnEveryRouteTests(MerlinServer server, ITestOutputHelper output) : IClassFixture<MerlinServer>
{
    private static readonly (string ContentType, byte[] Body)[] Bodies =
    [
        ("application/json", [.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8]),
        ("application/json", "{\"a\":"u8.ToArray()),
        ("application/json", "[null]"u8.ToArray()),
        ("application/x-yaml", "id: [x\n  - :"u8.ToArray()),
        ("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../x\"\r\n\r\nhalf"u8.ToArray()),
        ("application/x-www-form-urlencoded", "a=%ff%fe&b=%&c"u8.ToArray()),
        ("application/octet-stream", [0x00, 0xFF, 0x00]),
    ];

    private static readonly string[] Queries =
        ["", "?page=-1&size=0", "?size=abc&revision=x", "?startDate=never&state=NOPE&labels=:", "?path=..%2F..%2Fetc%2Fpasswd&minLevel=LOUD", "?namespace=%00&q=%ff&wait=maybe"];

    [Fact]
    public async Task No_junk_request_on_any_route_gets_a_5xx_or_an_empty_refusal()
    {
        await server.CreateFlowAsync("id: junk\nnamespace: hostile.junk\ninputs:\n  - id: n\n    type: INT\n    required: false\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n");
        var executionId = (string)(await server.ExecuteAsync("hostile.junk", "junk"))["id"]!;
        var known = new Dictionary<string, string> { ["namespace"] = "hostile.junk", ["flowId"] = "junk", ["id"] = executionId, ["executionId"] = executionId };

        var failures = new List<string>();
        var sent = 0;
        foreach (var (pattern, methods) in Routes())
        {
            foreach (var values in new[] { new Dictionary<string, string>(), known })
            {
                var path = Url(pattern, values);
                foreach (var method in methods.Append("PATCH").Distinct())
                {
                    foreach (var request in Requests(method, path))
                    {
                        using (request)
                        {
                            using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                            sent++;
                            var status = (int)response.StatusCode;
                            var body = status >= 400 ? await response.Content.ReadAsStringAsync() : "";
                            if (status >= 500 || (status >= 400 && !body.StartsWith("{\"message\":", StringComparison.Ordinal)))
                            {
                                failures.Add($"{request.Method} {request.RequestUri}: {status} {body}");
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"{sent} junk requests on {Routes().Count()} routes, {failures.Count} failures");
        Assert.True(sent > 1000, $"only {sent} requests were tried");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} junk requests got a 5xx or an empty refusal:\n" + string.Join("\n", failures.Take(30)));
        Assert.Equal("UP", (string?)(await server.GetJsonAsync("health"))["status"]);
    }

    private IEnumerable<HttpRequestMessage> Requests(string method, string path)
    {
        // A follow stream of a live execution stays open: it is read elsewhere, here only its refusals matter.
        var isStream = path.EndsWith("/follow", StringComparison.Ordinal);
        foreach (var query in Queries.Where(q => !isStream || q.Length > 0))
        {
            yield return new HttpRequestMessage(new HttpMethod(method), new Uri(path + query, UriKind.Relative));
        }

        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            foreach (var (contentType, body) in Bodies)
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                yield return new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = content };
            }
        }
    }

    private IEnumerable<(RoutePattern Pattern, IReadOnlyList<string> Methods)> Routes() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .GroupBy(e => e.RoutePattern.RawText)
            .Select(g => (g.First().RoutePattern, (IReadOnlyList<string>)g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Distinct().ToList()));

    /// <summary>A concrete URL: a parameter takes its value from <paramref name="values"/>, else an unknown one.</summary>
    private static string Url(RoutePattern pattern, Dictionary<string, string> values) =>
        string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "nope-" + parameter.Name),
            _ => "",
        })))).TrimStart('/');
}
