using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Hosting;

/// <summary>
/// Knows every hub connection on this silo, so that a silo shutting down can close them all and
/// their clients reconnect to another silo; refuses new connections once draining.
/// </summary>
public sealed class HubConnectionDrain : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int Count => _connections.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (_draining)
        {
            throw new HubException("unavailable: this server is shutting down; connect to another one");
        }

        _connections[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            _connections.TryRemove(context.Context.ConnectionId, out _);
        }
    }

    public void BeginDraining() => _draining = true;

    /// <summary>Closes every connection and waits (up to <paramref name="timeout"/>) until their disconnect handlers have run.</summary>
    public async Task CloseAllAsync(TimeSpan timeout, TimeProvider time)
    {
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
        }

        var deadline = time.GetTimestamp();
        while (!_connections.IsEmpty && time.GetElapsedTime(deadline) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
    }
}
