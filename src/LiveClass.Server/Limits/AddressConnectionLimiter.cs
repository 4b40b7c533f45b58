using System.Collections.Concurrent;
using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>
/// Caps the hub connections one client address holds on this server, joined or not, so that
/// nobody can fill a server's memory with connections that never join a class. A connection over
/// the cap is closed at once with a <c>rate_limited:</c> error; closing one lets the next in.
/// </summary>
public sealed class AddressConnectionLimiter(IOptions<AbuseLimitsOptions> options, Refusals refusals) : IHubFilter
{
    private const string AddressConnectionsLimit = "address-connections";

    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    // The address each counted connection was counted for, by connection id: kept here rather than
    // in the connection's Items, which SignalR creates on first use at about a kilobyte each.
    private readonly ConcurrentDictionary<string, string> _counted = new(StringComparer.Ordinal);

    /// <summary>The connections this server counts for <paramref name="address"/>.</summary>
    public int OpenFrom(string address) => _open.GetValueOrDefault(address);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var http = context.Context.GetHttpContext();
        if (ClientAddress.IsExempt(http, options.Value))
        {
            await next(context);
            return;
        }

        var address = ClientAddress.Of(http);
        var max = options.Value.MaxConnectionsPerAddress;
        if (!TryOpen(address, max))
        {
            refusals.Refused(AddressConnectionsLimit, address);
            throw new HubException($"{ErrorCodes.RateLimited}: this address already has {max} connections here; close one first");
        }

        var connectionId = context.Context.ConnectionId;
        _counted[connectionId] = address;
        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            _counted.TryRemove(connectionId, out _);
            Close(address);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (_counted.TryRemove(context.Context.ConnectionId, out var address))
            {
                Close(address);
            }
        }
    }

    private bool TryOpen(string address, int max)
    {
        while (true)
        {
            if (_open.TryGetValue(address, out var open))
            {
                if (open >= max)
                {
                    return false;
                }

                if (_open.TryUpdate(address, open + 1, open))
                {
                    return true;
                }
            }
            else if (_open.TryAdd(address, 1))
            {
                return true;
            }
        }
    }

    private void Close(string address)
    {
        while (_open.TryGetValue(address, out var open))
        {
            // The last connection takes the address's entry with it, so that addresses seen once are not kept.
            if (open <= 1 ? _open.TryRemove(KeyValuePair.Create(address, open)) : _open.TryUpdate(address, open - 1, open))
            {
                return;
            }
        }
    }
}
