using LiveClass.Contracts;
using LiveClass.Server.Realtime;

namespace LiveClass.Server.Hosting;

public static class ShutdownExtensions
{
    /// <summary>Graceful shutdown: drain the hub connections, unsubscribe the bridge, then leave the cluster.</summary>
    public static WebApplicationBuilder AddLiveClassGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddHubFilterInstance<HubConnectionDrain>();
        builder.Services.AddHostedService<GracefulShutdownService>();
        builder.Services.AddValidatedOptions<ShutdownOptions>(ShutdownOptions.SectionName);
        return builder;
    }

    /// <summary>
    /// While draining, new hub requests (negotiate, WebSocket) get 503 so that a load balancer
    /// tries another silo; connections already open are closed by <see cref="GracefulShutdownService"/>.
    /// </summary>
    public static WebApplication UseLiveClassDrain(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<HubConnectionDrain>();
        // Not async: a WebSocket request stays in the pipeline for the connection's whole life,
        // and an awaiting middleware would keep a state machine per connection for it.
        app.Use((context, next) =>
        {
            if (drain.IsDraining && context.Request.Path.StartsWithSegments(HubNames.Path))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
