using System.Text;
using Merlin.Core.Templating;
using Merlin.Runtime.Secrets;

namespace Merlin.Runtime.Tests.Secrets;

public sealed class SecretStoreTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["SECRET_ENCODED"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("from env")),
        ["SECRET_BOTH"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("env loses")),
        ["SECRET_BROKEN"] = "not base64!",
    };

    private readonly SecretStore _store = new(new Dictionary<string, string> { ["Plain"] = "plain value", ["BOTH"] = "setting wins" }, Environment.GetValueOrDefault);

    [Fact]
    public void Plain_settings_come_first_then_base64_environment_variables_keys_ignoring_case()
    {
        Assert.Equal("plain value", _store.Get("plain"));
        Assert.Equal("setting wins", _store.Get("both"));
        Assert.Equal("from env", _store.Get("encoded"));
    }

    [Fact]
    public void Missing_and_malformed_secrets_fail_the_render_with_kestras_messages()
    {
        Assert.Equal("Cannot find secret for key 'nope'.", Assert.Throws<TemplateException>(() => _store.Get("nope")).Message);
        Assert.Equal("Secret 'broken' is not valid base64.", Assert.Throws<TemplateException>(() => _store.Get("broken")).Message);
    }
}
