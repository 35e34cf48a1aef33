using Xunit;

namespace Merlin.Sdk.Testing.Tests;

public sealed class FakeTaskSettingsTests
{
    [Fact]
    public void Settings_are_the_configured_object_or_the_type_defaults()
    {
        var settings = new FakeTaskSettings();
        var configured = new Limits { Max = 3 };
        settings.Set(configured);

        Assert.Same(configured, settings.Get<Limits>());
        Assert.Equal(10, new FakeTaskSettings().Get<Limits>().Max);
    }

    private sealed class Limits
    {
        public int Max { get; init; } = 10;
    }
}
