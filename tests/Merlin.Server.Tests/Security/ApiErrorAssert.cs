using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Security;

/// <summary>Checks that a response carries Kestra's error body and nothing of the server's insides.</summary>
internal static class ApiErrorAssert
{
    public static async Task<string> IsKestraErrorAsync(HttpResponseMessage response, string messageStart)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        Assert.StartsWith(messageStart, (string?)body["message"]);
        Assert.NotNull(body["_links"]?["self"]?["href"]);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return text;
    }
}
