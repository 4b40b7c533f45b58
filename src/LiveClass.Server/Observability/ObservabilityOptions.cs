using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Observability;

/// <summary>Which metric exporters run, bound from the "Observability" configuration section.</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>Serves the metrics for Prometheus to scrape at <see cref="PrometheusPath"/>.</summary>
    public bool Prometheus { get; set; }

    [RegularExpression("^/.*", ErrorMessage = SectionName + ":PrometheusPath must be a path starting with /.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Pushes the metrics over OTLP to this collector (e.g. http://otel-collector:4317). The
    /// standard OTEL_EXPORTER_OTLP_ENDPOINT environment variable turns it on too.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
