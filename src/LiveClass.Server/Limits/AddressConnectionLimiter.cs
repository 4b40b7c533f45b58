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

    // The key under which a connection keeps the address it was counted for.
    private static readonly object CountedAddress = new();

    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

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

        context.Context.Items[CountedAddress] = address;
        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            context.Context.Items.Remove(CountedAddress);
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
            if (context.Context.Items.Remove(CountedAddress, out var address))
            {
                Close((string)address!);
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
