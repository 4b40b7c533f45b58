using LiveClass.Grains.Observability;
using LiveClass.Server.Hosting;
using LiveClass.Server.Realtime;
using LiveClass.Server.Web;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LiveClass.Server.Observability;

public static class ObservabilityExtensions
{
    /// <summary>The meters OpenTelemetry exports: LiveClass's own, Orleans', ASP.NET Core's and SignalR's.</summary>
    private static readonly string[] ExportedMeters =
    [
        LiveClassMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    /// <summary>
    /// The "LiveClass" meter (System.Diagnostics.Metrics), and OpenTelemetry with the Prometheus
    /// and/or OTLP exporter when configured. Nothing is exported by default.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ObservabilityOptions>(ObservabilityOptions.SectionName);

        // Which exporters exist is decided while the services are composed, before any options can be resolved.
        var options = builder.Configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<LiveClassMetrics>();
        builder.Services.AddHostedService<ConnectionMetrics>();

        var otlp = options.OtlpEndpoint is not null || !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (options.Prometheus || otlp)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                metrics.AddMeter(ExportedMeters);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(exporter =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                        {
                            exporter.Endpoint = endpoint;
                        }
                    });
                }
            });
        }

        return builder;
    }

    public static WebApplication MapLiveClassMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (options.Prometheus)
        {
            app.UseLiveClassMetricsNetworks(options.PrometheusPath);
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        }

        return app;
    }

    /// <summary>Adds this silo's hub connections, and its requests to Azure Storage, to the LiveClass meter.</summary>
    private sealed class ConnectionMetrics(LiveClassMetrics metrics, HubConnectionDrain connections, LocalConnections joined, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (services.GetService<StorageRequestLimit>() is { } storage)
            {
                metrics.Meter.CreateObservableUpDownCounter("liveclass.storage.requests.active", () => storage.Active, "{request}",
                    "Grain-state requests this silo has at the storage account now.");
                metrics.Meter.CreateObservableUpDownCounter("liveclass.storage.requests.waiting", () => storage.Waiting, "{request}",
                    "Grain-state requests waiting in this silo for their turn at the storage account (Cluster:AzureStorage:MaxConcurrentRequests).");
            }

            if (services.GetService<StorageRequestTally>() is { } tally)
            {
                metrics.Meter.CreateObservableCounter("liveclass.storage.requests", tally.Observe, "{request}",
                    "Grain-state requests this silo sent to the storage account, each attempt once, by service (table, blob) and HTTP method.");
            }

            metrics.Meter.CreateObservableUpDownCounter("liveclass.connections", () => connections.Count, "{connection}",
                "Hub connections open on this silo.");
            metrics.Meter.CreateObservableUpDownCounter("liveclass.connections.joined", () => joined.Count, "{connection}",
                "Hub connections on this silo that act for a participant of a class.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
