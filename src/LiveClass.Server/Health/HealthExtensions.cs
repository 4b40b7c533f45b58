using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace LiveClass.Server.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddLiveClassHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<SiloReadyHealthCheck>("silo", tags: [ReadyTag]);
        return builder;
    }

    /// <summary><c>/healthz</c>: the process serves. <c>/readyz</c>: the silo has joined its cluster.</summary>
    public static WebApplication MapLiveClassHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
