using Merlin.Core.Limits;
using Merlin.Server.Security;

namespace Merlin.Server.Hosting;

/// <summary>Server settings, bound from the <c>Merlin</c> configuration section (appsettings.json, <c>Merlin__*</c> environment variables, command line).</summary>
public sealed class MerlinOptions
{
    public const string Section = "Merlin";

    /// <summary>HTTP port on all interfaces; 0 picks a free one.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>
    /// The components this process runs (<c>Merlin:Components:0=webserver</c>...): webserver, executor, worker, scheduler;
    /// null runs them all, as <c>server local</c> does.
    /// </summary>
    public string[]? Components { get; set; }

    /// <summary>Heartbeats and the liveness timeout of this process in a cluster (<c>Merlin:Cluster</c>).</summary>
    public Merlin.Runtime.Cluster.ClusterOptions Cluster { get; set; } = new();

    /// <summary>Where the embedded database and internal storage live.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Address to listen on; <c>*</c> for every interface.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>SQLite durability: FULL (default, every commit fsync'd) or NORMAL (faster, may lose the last commits on power loss).</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>The storage backend (<c>Merlin:Storage:Type</c>: sqlite or postgres) and its settings.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Public base URL used in execution links (defaults to the listening address).</summary>
    public string? Url { get; set; }

    /// <summary>Largest request body accepted, in bytes (uploads included).</summary>
    public long MaxRequestBodySize { get; set; } = 100L * 1024 * 1024;

    /// <summary>Longest request URL (path and query) accepted, in characters; longer ones get 414 with Kestra's error body.</summary>
    public int MaxUrlLength { get; set; } = 8192;

    /// <summary>Depth, size, step and recovery limits (<c>Merlin:Limits</c>).</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>Trace export (<c>Merlin:Telemetry:Otlp:Endpoint</c>); metrics are always at <c>/metrics</c>.</summary>
    public Telemetry.TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Log format (<c>Merlin:Logging:Format</c>: text or json).</summary>
    public LoggingOptions Logging { get; set; } = new();

    /// <summary>Authentication, CORS and failed-login throttling (<c>Merlin:Security</c>).</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>Plain secret values by key (<c>Merlin__Secrets__KEY</c>), read by <c>secret('KEY')</c> before <c>SECRET_KEY</c>.</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Bounds on script output (<c>Merlin:Scripts</c>).</summary>
    public Merlin.Plugins.Scripts.Runner.ScriptOptions Scripts { get; set; } = new();

    /// <summary>Third-party plugins loaded at start-up (<c>Merlin:Plugins:Path</c>).</summary>
    public PluginOptions Plugins { get; set; } = new();
}
