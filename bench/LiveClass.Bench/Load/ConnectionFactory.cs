using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Bench.Load;

/// <summary>Builds hub connections the way a real .NET client would: WebSockets and the MessagePack protocol.</summary>
public sealed class ConnectionFactory(bool statefulReconnect)
{
    public HubConnection Create(string baseUrl)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + HubNames.Path, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                // Negotiation is one more HTTP round trip per connection; stateful reconnect needs it.
                options.SkipNegotiation = !statefulReconnect;
            })
            .AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack);
        if (statefulReconnect)
        {
            builder.WithStatefulReconnect();
        }

        var connection = builder.Build();
        // The client shares one core with thousands of connections: be patient with handshakes and pings.
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        return connection;
    }
}
