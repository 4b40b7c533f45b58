using System.Net;
using System.Net.Sockets;
using LiveClass.Domain;
using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>
    /// Co-hosts the Orleans silo: the embedded default is a single silo on loopback with in-memory
    /// grain storage, which is what one command on a fresh machine needs.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();

        builder.Services.Configure<ClassLimits>(builder.Configuration.GetSection(ClassLimits.SectionName));
        builder.Services.Configure<RealtimeOptions>(builder.Configuration.GetSection(ClassLimits.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(
                siloPort: silo.SiloPort == 0 ? FreeTcpPort() : silo.SiloPort,
                gatewayPort: silo.GatewayPort == 0 ? FreeTcpPort() : silo.GatewayPort,
                serviceId: silo.ServiceId,
                clusterId: silo.ClusterId);
            orleans.AddMemoryGrainStorage(StorageNames.Classes);
        });

        return builder;
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
