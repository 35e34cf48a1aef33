using System.Text;
using Merlin.Testing;

namespace Merlin.Server.Tests.Scripts;

/// <summary>secret() from Merlin__Secrets__KEY (plain) and SECRET_KEY (base64), masked in what a script prints.</summary>
public sealed class ScriptSecretsTests
{
    [Fact]
    public async Task Secrets_from_settings_and_environment_are_masked_in_every_line_a_script_prints()
    {
        var encodedKey = "SCRIPT_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable("SECRET_" + encodedKey, Convert.ToBase64String(Encoding.UTF8.GetBytes("base64-secret-value")));
        var server = MerlinServer.WithArgs("--Merlin:Secrets:PLAIN_TOKEN=plain-secret-value");
        await server.InitializeAsync();
        try
        {
            await server.CreateFlowAsync($$$"""
                id: secret_script
                namespace: tests.scripts.secrets
                tasks:
                  - id: leak
                    type: io.kestra.plugin.scripts.shell.Commands
                    env:
                      TOKEN: "{{ secret('plain_token') }}"
                    commands:
                      - echo "token is $TOKEN"
                      - echo "other is {{ secret('{{{encodedKey}}}') }}" >&2
                      - echo "length $(printf %s "$TOKEN" | wc -c)"
                      - echo "::{\"outputs\":{\"leaked\":\"$TOKEN\"}}::"
                """);

            var end = await server.ExecuteAsync("tests.scripts.secrets", "secret_script");

            var logs = await server.LogsAsync((string)end["id"]!);
            Assert.Contains("token is **masked**********", logs, StringComparison.Ordinal);
            Assert.Contains("other is **masked***********", logs, StringComparison.Ordinal);
            Assert.Contains("length 18", logs, StringComparison.Ordinal); // the script saw the clear value
            Assert.DoesNotContain("secret-value", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-value", end.ToJsonString(), StringComparison.Ordinal);
            var vars = end["taskRunList"]![0]!["outputs"]!["vars"]!;
            Assert.StartsWith("**masked**", (string?)vars["leaked"], StringComparison.Ordinal); // never in outputs either
        }
        finally
        {
            Environment.SetEnvironmentVariable("SECRET_" + encodedKey, null);
            await server.DisposeAsync();
        }
    }
}
