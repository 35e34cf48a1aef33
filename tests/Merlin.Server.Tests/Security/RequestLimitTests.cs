using System.Net;
using System.Text;

namespace Merlin.Server.Tests.Security;

[Collection(SecuredCollection.Name)]
public sealed class RequestLimitTests(SecuredServer secured)
{
    private static string Oversized => new('x', (int)SecuredServer.BodyLimit + 1024);

    [Fact]
    public async Task Flow_over_the_body_limit_gets_413_with_kestra_error()
    {
        var yaml = "id: huge\nnamespace: limits\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: " + Oversized;

        using var client = secured.WaitingForContinue();
        using var content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml");

        using var response = await client.PostAsync("api/v1/flows", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, "Payload Too Large");
    }

    [Fact]
    public async Task Multipart_upload_over_the_body_limit_gets_413_with_kestra_error()
    {
        await secured.Server.CreateFlowAsync("id: upload\nnamespace: limits\ninputs:\n  - id: myfile\n    type: FILE\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Oversized)), "myfile", "big.txt");

        using var client = secured.WaitingForContinue();

        using var response = await client.PostAsync("api/v1/executions/limits/upload", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, "Payload Too Large");
    }

    [Fact]
    public async Task Chunked_upload_over_the_body_limit_gets_413_too()
    {
        await secured.Server.CreateFlowAsync("id: upload_chunked\nnamespace: limits\ninputs:\n  - id: myfile\n    type: FILE\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi");
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized))), "myfile", "big.txt");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/executions/limits/upload_chunked") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using var response = await secured.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, "Payload Too Large");
    }

    [Fact]
    public async Task Anonymous_oversized_request_is_refused_before_its_body_is_read()
    {
        using var client = secured.Anonymous();
        using var content = new StringContent(Oversized, Encoding.UTF8, "application/x-yaml");

        using var response = await client.PostAsync("api/v1/flows", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
