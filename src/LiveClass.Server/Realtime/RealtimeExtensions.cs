using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using LiveClass.Server.Hosting;
using LiveClass.Server.Realtime.Transport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

public static class RealtimeExtensions
{
    /// <summary>The SignalR hub with both protocols in the contract's shape, and this silo's bridge to the class grains.</summary>
    public static WebApplicationBuilder AddLiveClassRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HubLimitsOptions>(HubLimitsOptions.SectionName);
        builder.Services
            .AddSignalR(options => options.EnableDetailedErrors = false)
            .AddJsonProtocol(options => WireFormats.ConfigureJson(options.PayloadSerializerOptions))
            .AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack);
        // The outermost filter, so that it codes what the others refuse.
        builder.Services.AddHubFilterInstance<LiveClassHubFilter>();
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<HubLimitsOptions>>((hub, limits) =>
        {
            hub.MaximumReceiveMessageSize = limits.Value.HubMaximumMessageSize;
            hub.StatefulReconnectBufferSize = limits.Value.StatefulReconnectBufferSize;
            // SignalR's own ping is off: on a connection with stateful reconnect it is written
            // under a different lock than the acknowledgements, so the two can interleave on the
            // wire. The outboxes send the keep-alive instead, in turn with everything else
            // (DeliveryOptions.KeepAliveInterval).
            hub.KeepAliveInterval = TimeSpan.MaxValue;
        });

        DecorateHubProtocols(builder.Services);
        builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        builder.Services.AddSingleton<ConnectionOutboxes>();
        builder.Services.AddSingleton<HubLifetimeManager<ClassHub>, ClassHubLifetimeManager>();
        builder.Services.AddHostedService<OutboxUpkeepService>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddSingleton<SiloClassBridge>();
        builder.Services.AddSingleton<IHubActivator<ClassHub>, ClassHubActivator>();
        builder.Services.AddHostedService<BridgeRenewalService>();
        return builder;
    }

    private static void DecorateHubProtocols(IServiceCollection services)
    {
        var protocols = services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType is not null).ToList();
        foreach (var descriptor in protocols)
        {
            var implementation = descriptor.ImplementationType!;
            services.Remove(descriptor);
            services.Add(ServiceDescriptor.Singleton<IHubProtocol>(provider =>
                new CodedErrorHubProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(provider, implementation))));
        }
    }

    /// <summary>
    /// The hub as <c>MapHub</c> maps it, with stateful reconnect, behind a transport whose flushes
    /// take turns: SignalR's acknowledgement timer would otherwise flush beside a message's waiting
    /// flush and end the connection of a client whose link is slow just then.
    /// </summary>
    public static WebApplication MapLiveClassHub(this WebApplication app)
    {
        app.MapConnections(HubNames.Path, new HttpConnectionDispatcherOptions { AllowStatefulReconnects = true }, connection => connection
                .UseSerialFlushes()
                .UseHub<ClassHub>())
            .WithMetadata(new HubMetadata(typeof(ClassHub)));
        return app;
    }
}
