using Merlin.Runtime.Cluster;

namespace Merlin.Runtime.Tests.Cluster;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => new ClusterOptions().Validate();

    [Theory]
    [InlineData(10, 5)]
    [InlineData(10, 6)]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    public void An_interval_not_under_half_the_timeout_is_refused_naming_the_settings(int timeoutSeconds, int intervalSeconds)
    {
        var options = new ClusterOptions { LivenessTimeout = TimeSpan.FromSeconds(timeoutSeconds), HeartbeatInterval = TimeSpan.FromSeconds(intervalSeconds) };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Merlin:Cluster:HeartbeatInterval", error.Message);
        Assert.Contains("Merlin:Cluster:LivenessTimeout", error.Message);
    }
}
