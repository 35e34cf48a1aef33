namespace Merlin.Server.Security;

/// <summary>After <see cref="MaxFailures"/> failed logins from one client address within <see cref="Window"/>, answer 429 until the window ends.</summary>
public sealed class LoginThrottleOptions
{
    public int MaxFailures { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
