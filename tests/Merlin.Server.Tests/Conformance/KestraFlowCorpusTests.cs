using System.Net;
using Merlin.Testing;

namespace Merlin.Server.Tests.Conformance;

/// <summary>Every flow Kestra's tests parse is accepted; every flow of Kestra's invalids is refused with a 4xx.</summary>
public sealed class KestraFlowCorpusTests(MerlinServer server) : IClassFixture<MerlinServer>
{
    [Theory]
    [MemberData(nameof(KestraTestsCorpus.Refused), MemberType = typeof(KestraTestsCorpus))]
    public async Task Invalid_flow_is_refused(string file, string why)
    {
        using var response = await server.PostYamlAsync("api/v1/flows", await File.ReadAllTextAsync(Path.Combine(KestraTestsCorpus.Directory, "invalids", file)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{file} ({why}) was answered {(int)response.StatusCode}: {body}");
        Assert.StartsWith("{\"message\":", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KestraTestsCorpus.Parsed), MemberType = typeof(KestraTestsCorpus))]
    public async Task Valid_flow_is_accepted(string file, string @namespace, string flowId, bool deleteAfterParse)
    {
        using var response = await server.PostYamlAsync("api/v1/flows", await File.ReadAllTextAsync(Path.Combine(KestraTestsCorpus.Directory, "flows", file)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (deleteAfterParse)
        {
            using var deleted = await server.Client.DeleteAsync($"api/v1/flows/{@namespace}/{flowId}");
            Assert.True(deleted.IsSuccessStatusCode, $"deleting {file}: {deleted.StatusCode}");
        }
    }
}
