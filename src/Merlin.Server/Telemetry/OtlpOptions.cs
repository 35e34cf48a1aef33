namespace Merlin.Server.Telemetry;

/// <summary><c>Merlin:Telemetry:Otlp</c>: an OpenTelemetry collector to send traces to.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector's URL (e.g. <c>http://localhost:4317</c> for gRPC, <c>http://localhost:4318/v1/traces</c> with Protocol <c>http</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http</c> (protobuf over HTTP).</summary>
    public string Protocol { get; set; } = "grpc";
}
