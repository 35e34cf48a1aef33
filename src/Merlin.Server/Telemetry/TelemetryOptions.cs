namespace Merlin.Server.Telemetry;

/// <summary>The <c>Merlin:Telemetry</c> section: where traces go (metrics are always served at <c>/metrics</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>OTLP trace export; off while <see cref="OtlpOptions.Endpoint"/> is unset.</summary>
    public OtlpOptions Otlp { get; set; } = new();
}
