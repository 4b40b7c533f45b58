using System.Collections.Concurrent;
using LiveClass.Grains.Observability;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>The outbox of every hub connection on this silo, by connection id.</summary>
public sealed class ConnectionOutboxes(
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<ConnectionOutbox> logger,
    LiveClassMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _outboxes = new(StringComparer.Ordinal);

    public void Open(HubConnectionContext connection) =>
        _outboxes[connection.ConnectionId] = new ConnectionOutbox(connection, options.Value, time, logger, metrics);

    public void Remove(string connectionId)
    {
        if (_outboxes.TryRemove(connectionId, out var outbox))
        {
            outbox.Discard();
        }
    }

    public ConnectionOutbox? Get(string connectionId) => _outboxes.GetValueOrDefault(connectionId);

    /// <summary>Closes every connection whose oldest unsent event is older than the bound, and pings those that have been sent nothing for a while.</summary>
    public void Upkeep()
    {
        // Enumerated in place: Values would copy every outbox into a new array each time.
        foreach (var (_, outbox) in _outboxes)
        {
            outbox.CheckAge();
            outbox.KeepAlive();
        }
    }
}
