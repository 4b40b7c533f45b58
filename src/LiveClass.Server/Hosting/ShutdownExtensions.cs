using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Hosting;

public static class ShutdownExtensions
{
    /// <summary>Graceful shutdown: drain the hub connections, unsubscribe the bridge, then leave the cluster.</summary>
    public static WebApplicationBuilder AddLiveClassGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ShutdownOptions>(builder.Configuration.GetSection(ShutdownOptions.SectionName));
        builder.Services.AddSingleton<HubConnectionDrain>();
        builder.Services.Configure<HubOptions>(options => options.AddFilter<HubConnectionDrain>());
        builder.Services.AddHostedService<GracefulShutdownService>();
        return builder;
    }
}
