using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Abstractions;

namespace LiveClass.Server.Realtime.Transport;

public static class SerialFlushConnectionExtensions
{
    /// <summary>
    /// Gives the connections of what follows in <paramref name="builder"/> a transport whose
    /// flushes take turns, before and after a stateful reconnect (<see cref="SerialFlushPipeWriter"/>).
    /// </summary>
    public static IConnectionBuilder UseSerialFlushes(this IConnectionBuilder builder) =>
        builder.Use(next => connection =>
        {
            connection.Transport = new SerialFlushTransport(connection.Transport);
            // The feature is marked as a preview; SignalR's stateful reconnect is built on it.
#pragma warning disable CA2252
            if (connection.Features.Get<IStatefulReconnectFeature>() is { } reconnect)
            {
                connection.Features.Set<IStatefulReconnectFeature>(new SerialFlushReconnectFeature(reconnect));
            }
#pragma warning restore CA2252

            return next(connection);
        });
}
